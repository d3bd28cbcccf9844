import ICAL from 'ical.js';
import { expandRecurringCalendar } from '@hub/testing';
import { buildSeriesCalendar } from './calendar-series';

describe('buildSeriesCalendar', () => {
  it('is read by ical.js as 10:00 Oslo time across DST, without the excluded date, with the moved one moved', () => {
    const ics = buildSeriesCalendar({
      uid: 'series-1@hub.example',
      timeZone: 'Europe/Oslo',
      firstStartsAt: '2027-03-16T10:00',
      durationMinutes: 60,
      rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=4',
      summary: 'Webinar; klimabudsjett, del 1',
      description: 'Linje 1\nLinje 2',
      location: null,
      organiser: { name: 'Klimasekretariatet', email: 'sekretariat@network.example' },
      sequence: 2,
      excluded: [new Date('2027-04-13T08:00:00Z')],
      overrides: [{ recurrenceId: new Date('2027-04-27T08:00:00Z'), startsAt: new Date('2027-04-28T12:00:00Z'), endsAt: new Date('2027-04-28T13:00:00Z'), sequence: 1 }],
    });
    expect(ics).toContain('RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=4');
    expect(ics).toContain('EXDATE;TZID=Europe/Oslo:20270413T100000');
    expect(ics).toContain('RECURRENCE-ID;TZID=Europe/Oslo:20270427T100000');
    expect(expandRecurringCalendar(ics)).toEqual([
      { start: '2027-03-16T09:00:00.000Z', recurrenceId: null },
      { start: '2027-03-30T08:00:00.000Z', recurrenceId: null },
      { start: '2027-04-28T12:00:00.000Z', recurrenceId: '2027-04-27T08:00:00.000Z' },
    ]);
    const summary = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!.getFirstPropertyValue('summary');
    expect(summary).toBe('Webinar; klimabudsjett, del 1');
  });

  it('writes Stockholm’s October change into the VTIMEZONE', () => {
    const ics = buildSeriesCalendar({
      uid: 'series-2@hub.example',
      timeZone: 'Europe/Stockholm',
      firstStartsAt: '2027-10-05T13:00',
      durationMinutes: 90,
      rrule: 'FREQ=MONTHLY;BYDAY=1TU;COUNT=2',
      summary: 'Webbinarium',
      description: '',
      location: 'online',
      organiser: { name: 'Klimatkommunerna', email: 'kansli@network.example' },
      sequence: 0,
      excluded: [],
      overrides: [],
    });
    expect(expandRecurringCalendar(ics).map((o) => o.start)).toEqual(['2027-10-05T11:00:00.000Z', '2027-11-02T12:00:00.000Z']);
  });
});
