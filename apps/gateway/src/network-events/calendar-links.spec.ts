import { googleCalendarLink, outlookCalendarLink } from './calendar-links';

describe('calendar links', () => {
  const input = { title: 'Webinar: klima & energi', startsAt: new Date('2027-03-30T08:00:00Z'), endsAt: new Date('2027-03-30T09:30:00Z'), details: 'https://hub.example/x', location: 'online' };

  it('fills Google’s event form with UTC times', () => {
    const url = new URL(googleCalendarLink(input));
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(Object.fromEntries(url.searchParams)).toEqual({ action: 'TEMPLATE', text: 'Webinar: klima & energi', dates: '20270330T080000Z/20270330T093000Z', details: 'https://hub.example/x', location: 'online' });
  });

  it('fills Outlook’s compose form with ISO instants', () => {
    const url = new URL(outlookCalendarLink(input));
    expect(url.searchParams.get('subject')).toBe('Webinar: klima & energi');
    expect(url.searchParams.get('startdt')).toBe('2027-03-30T08:00:00.000Z');
    expect(url.searchParams.get('enddt')).toBe('2027-03-30T09:30:00.000Z');
  });
});
