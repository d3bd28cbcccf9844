import { expandSeries, SeriesRuleError } from './series-rule';

describe('expandSeries', () => {
  it('keeps 10:00 Oslo time for every second Tuesday across the March DST change', () => {
    const series = expandSeries('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270427', '2027-03-16T10:00', 'Europe/Oslo', ['2027-04-13']);
    expect(series.occurrences.map((o) => [o.startsAt.toISOString(), o.excluded])).toEqual([
      ['2027-03-16T09:00:00.000Z', false], // CET
      ['2027-03-30T08:00:00.000Z', false], // CEST from 28 March
      ['2027-04-13T08:00:00.000Z', true],
      ['2027-04-27T08:00:00.000Z', false],
    ]);
    expect(series.calendarRrule).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=4');
  });

  it('keeps the first Tuesday of the month at 13:00 Stockholm time across October', () => {
    const series = expandSeries('RRULE:FREQ=MONTHLY;BYDAY=1TU;COUNT=3', '2027-10-05T13:00', 'Europe/Stockholm', []);
    expect(series.occurrences.map((o) => o.startsAt.toISOString())).toEqual(['2027-10-05T11:00:00.000Z', '2027-11-02T12:00:00.000Z', '2027-12-07T12:00:00.000Z']);
  });

  it.each([
    ['FREQ=WEEKLY;BYDAY=TU', '2027-03-16T10:00', [], 'rrule'], // never ends
    ['FREQ=DAILY;COUNT=61', '2027-03-16T10:00', [], 'rrule'], // too many
    ['FREQ=WEEKLY;BYDAY=TU;COUNT=3', '2027-03-17T10:00', [], 'firstStartsAt'], // a Wednesday
    ['FREQ=WEEKLY;BYDAY=TU;COUNT=3', '2027-03-16T10:00', ['2027-03-17'], 'exceptions'],
    ['FREQ=HOURLY;COUNT=3', '2027-03-16T10:00', [], 'rrule'],
    ['FREQ=WEEKLY;FOO=1;COUNT=3', '2027-03-16T10:00', [], 'rrule'],
  ])('rejects %s from %s (exceptions %j) naming %s', (rule, first, exceptions, path) => {
    let error: unknown;
    try {
      expandSeries(rule, first, 'Europe/Oslo', exceptions);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SeriesRuleError);
    expect((error as SeriesRuleError).path).toBe(path);
  });
});
