export interface CalendarLinkInput {
  title: string;
  startsAt: Date;
  endsAt: Date;
  details: string;
  location: string;
}

const utc = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** "Add to Google Calendar": the event form filled in, times in UTC (Google shows them in the reader's zone). */
export function googleCalendarLink(input: CalendarLinkInput): string {
  const query = new URLSearchParams({ action: 'TEMPLATE', text: input.title, dates: `${utc(input.startsAt)}/${utc(input.endsAt)}`, details: input.details, location: input.location });
  return `https://calendar.google.com/calendar/render?${query.toString()}`;
}

/** "Add to Outlook" for Microsoft 365 accounts, which is what municipalities use; ISO 8601 instants. */
export function outlookCalendarLink(input: CalendarLinkInput): string {
  const query = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    subject: input.title,
    startdt: input.startsAt.toISOString(),
    enddt: input.endsAt.toISOString(),
    body: input.details,
    location: input.location,
  });
  return `https://outlook.office.com/calendar/0/deeplink/compose?${query.toString()}`;
}
