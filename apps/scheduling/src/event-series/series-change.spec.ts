import type { NetworkEvent } from '../network-events/network-event.schema';
import type { EventSeries } from './event-series.schema';
import { overriddenFields, planRuleChange, planSeriesChange, seriesBaseline } from './series-change';

const hour = 3_600_000;
const now = new Date('2027-03-20T12:00:00Z');

function occurrence(id: string, startsAt: string, overrides: Partial<NetworkEvent> = {}): NetworkEvent {
  const start = new Date(startsAt);
  return {
    _id: id,
    networkId: 'n1',
    kind: 'webinar',
    status: 'published',
    title: { nb: 'Klima', en: 'Climate' },
    description: {},
    startsAt: start,
    endsAt: new Date(start.getTime() + hour),
    timeZone: 'Europe/Oslo',
    venue: null,
    joinUrl: 'https://meet.example/a',
    organiser: { name: 'Sekretariatet', email: 'sek@network.example' },
    capacity: 10,
    registrationOpensAt: null,
    registrationClosesAt: null,
    visibility: 'public',
    approvalRequired: false,
    questions: [],
    sequence: 0,
    rescheduledAt: null,
    registrationsAnonymisedAt: null,
    seriesId: 's1',
    recurrenceId: start,
    outbox: [],
    ...overrides,
  };
}

const series = {
  _id: 's1',
  firstStartsAt: '2027-03-16T10:00',
  timeZone: 'Europe/Oslo',
  durationMinutes: 60,
  title: { en: 'Climate', nb: 'Klima' },
  description: {},
  venue: null,
  organiser: { name: 'Sekretariatet', email: 'sek@network.example' },
  joinUrl: 'https://meet.example/a',
  capacity: 10,
  visibility: 'public',
  approvalRequired: false,
  questions: [],
} as unknown as EventSeries;

describe('planSeriesChange', () => {
  const past = occurrence('past', '2027-03-16T09:00:00Z');
  const own = occurrence('own', '2027-03-23T09:00:00Z', { title: { nb: 'Eget' }, capacity: 20 });
  const moved = occurrence('moved', '2027-03-30T08:00:00Z', { startsAt: new Date('2027-03-31T08:00:00Z'), endsAt: new Date('2027-03-31T09:00:00Z') });
  const cancelled = occurrence('cancelled', '2027-04-06T08:00:00Z', { status: 'cancelled' });
  const plain = occurrence('plain', '2027-04-13T08:00:00Z', { status: 'draft' });
  const all = [past, own, moved, cancelled, plain];
  const baseline = seriesBaseline(series, all);

  it('knows what each occurrence overrode, whatever the key order of a title', () => {
    expect(all.map((o) => overriddenFields(baseline, o))).toEqual([[], ['title', 'capacity'], ['time'], [], []]);
  });

  it('changes only occurrences to come, not cancelled, and only in the fields they did not override', () => {
    const plan = planSeriesChange(baseline, all, { title: { nb: 'Ny' }, capacity: 15, durationMinutes: 90 }, now);
    expect(plan.problems).toEqual([]);
    expect(plan.changes).toEqual([
      { eventId: 'own', change: { endsAt: '2027-03-23T10:30:00.000Z' } },
      { eventId: 'moved', change: { title: { nb: 'Ny' }, capacity: 15 } },
      { eventId: 'plain', change: { title: { nb: 'Ny' }, capacity: 15, endsAt: '2027-04-13T09:30:00.000Z' } },
    ]);
  });

  it('moves every occurrence to a new time of day in its zone, across DST, except the one moved on its own', () => {
    const plan = planSeriesChange(baseline, all, { startTime: '13:30' }, now);
    expect(plan.problems).toEqual([]);
    expect(plan.changes).toEqual([
      { eventId: 'own', change: { startsAt: '2027-03-23T12:30:00.000Z', endsAt: '2027-03-23T13:30:00.000Z' } },
      { eventId: 'plain', change: { startsAt: '2027-04-13T11:30:00.000Z', endsAt: '2027-04-13T12:30:00.000Z' } },
    ]);
    // Afterwards the series' time is 13:30: the occurrences it moved follow it, the one moved on its own still does not.
    const after = { ...baseline, startTime: '13:30' };
    const moved13 = occurrence('plain', '2027-04-13T08:00:00Z', { startsAt: new Date('2027-04-13T11:30:00Z'), endsAt: new Date('2027-04-13T12:30:00Z') });
    expect(overriddenFields(after, moved13)).toEqual([]);
    expect(overriddenFields(after, moved)).toEqual(['time']);
  });

  it('refuses the whole change, naming the series field, when one occurrence cannot take it', () => {
    expect(planSeriesChange(baseline, all, { capacity: 5 }, now).problems).toEqual([{ path: 'capacity', message: expect.stringContaining('only grow') }]);
    expect(planSeriesChange(baseline, all, { joinUrl: null }, now).problems).toEqual([{ path: 'joinUrl', message: 'a webinar needs a join URL' }]);
    // Half an hour before the next occurrence, moving it an hour earlier would put it in the past.
    expect(planSeriesChange(baseline, all, { startTime: '09:00' }, new Date('2027-03-23T08:30:00Z')).problems).toEqual([{ path: 'startTime', message: expect.stringContaining('passed') }]);
  });

  it('takes the most common value for a field an older series did not keep', () => {
    const older = { ...series, capacity: undefined } as unknown as EventSeries;
    expect(seriesBaseline(older, [own, plain, moved]).capacity).toBe(10);
  });
});

describe('planRuleChange', () => {
  // Every Tuesday 10:00 Oslo from 16 March 2027, four times; "now" is between the first and the second.
  const ruled = { ...series, rrule: 'FREQ=WEEKLY;COUNT=4', firstStartsAt: '2027-03-16T10:00', timeZone: 'Europe/Oslo', exceptions: [] } as unknown as EventSeries;
  const starts = ['2027-03-16T09:00:00Z', '2027-03-23T09:00:00Z', '2027-03-30T08:00:00Z', '2027-04-06T08:00:00Z'];
  const occurrences = starts.map((start, index) => occurrence(`o${index}`, start, index === 1 ? { status: 'cancelled' } : {}));

  it('cancels what ending earlier or a new exception takes away, and keeps the rule as calendars need it', () => {
    const plan = planRuleChange(ruled, occurrences, { rrule: 'FREQ=WEEKLY;COUNT=3', exceptions: ['2027-03-30'] }, now);
    expect(plan.problems).toEqual([]);
    expect(plan.cancel).toEqual(['o2', 'o3']);
    expect(plan.set).toEqual({ rrule: 'FREQ=WEEKLY;COUNT=3', calendarRrule: 'FREQ=WEEKLY;COUNT=3', exceptions: ['2027-03-30'], excludedStarts: [new Date('2027-03-30T08:00:00Z')] });
  });

  it.each([
    [{ rrule: 'FREQ=WEEKLY;COUNT=5' }, 'rrule', 'not one of'],
    [{ exceptions: ['2027-03-16'] }, 'exceptions', 'has started'],
    [{ exceptions: ['2027-03-17'] }, 'exceptions', 'not a date of the series'],
  ])('refuses %j naming %s', (update, path, message) => {
    expect(planRuleChange(ruled, occurrences, update, now).problems).toEqual([{ path, message: expect.stringContaining(message) }]);
  });
});
