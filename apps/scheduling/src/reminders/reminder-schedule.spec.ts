import { DEFAULT_REMINDER_OFFSETS } from '@hub/contracts';
import { dueReminder, reminderDueAt } from './reminder-schedule';

describe('reminder schedule', () => {
  // DST 2027: the last Sunday of March is the 28th, of October the 31st.
  it.each([
    ['Europe/Oslo', '2027-03-28T08:00:00Z', 'P1D', '2027-03-27T09:00:00.000Z'], // 10:00 CEST ← 10:00 CET: 23 h
    ['Europe/Oslo', '2027-03-29T08:00:00Z', 'P7D', '2027-03-22T09:00:00.000Z'], // 10:00 CEST ← 10:00 CET
    ['Europe/Stockholm', '2027-10-31T09:00:00Z', 'P1D', '2027-10-30T08:00:00.000Z'], // 10:00 CET ← 10:00 CEST: 25 h
    ['Europe/Stockholm', '2027-11-01T09:00:00Z', 'P7D', '2027-10-25T08:00:00.000Z'], // 10:00 CET ← 10:00 CEST
    ['Europe/Helsinki', '2027-03-28T07:30:00Z', 'PT1H', '2027-03-28T06:30:00.000Z'], // an hour is an hour
  ])('in %s, for a start at %s, %s before is %s', (zone, start, offset, expected) => {
    expect(reminderDueAt(new Date(start), zone, offset).toISOString()).toBe(expected);
  });

  it('picks only the latest due reminder, and none once the event has started', () => {
    const start = new Date('2027-03-29T08:00:00Z');
    const at = (iso: string) => dueReminder(start, 'Europe/Oslo', DEFAULT_REMINDER_OFFSETS, new Date(iso))?.offset ?? null;
    expect(at('2027-03-20T00:00:00Z')).toBeNull();
    expect(at('2027-03-22T09:00:00Z')).toBe('P7D');
    expect(at('2027-03-28T08:00:00Z')).toBe('P1D');
    expect(at('2027-03-29T07:30:00Z')).toBe('PT1H');
    expect(at('2027-03-29T08:00:00Z')).toBeNull();
  });
});
