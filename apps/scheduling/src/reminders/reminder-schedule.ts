import { DateTime, Duration } from 'luxon';

/**
 * When a reminder is due, computed in the event's own zone: "one day before 10:00" is 10:00 the day before, which
 * is 23 or 25 hours earlier across a DST change, not 24. Hours and minutes are exact durations.
 */
export function reminderDueAt(startsAt: Date, timeZone: string, offset: string): Date {
  const duration = Duration.fromISO(offset);
  if (!duration.isValid) throw new Error(`not an ISO 8601 duration: ${offset}`);
  return DateTime.fromJSDate(startsAt, { zone: timeZone }).minus(duration).toJSDate();
}

/**
 * The one reminder to send now, if any: the latest offset already due before the start. An earlier offset whose
 * moment has passed is skipped, so nobody who registers late gets a "one week before" a day before.
 */
export function dueReminder(startsAt: Date, timeZone: string, offsets: readonly string[], now: Date): { offset: string; dueAt: Date } | null {
  if (now >= startsAt) return null;
  const due = offsets
    .map((offset) => ({ offset, dueAt: reminderDueAt(startsAt, timeZone, offset) }))
    .filter((reminder) => reminder.dueAt <= now)
    .sort((a, b) => b.dueAt.getTime() - a.dueAt.getTime());
  return due[0] ?? null;
}
