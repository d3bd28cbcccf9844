import { DateTime } from 'luxon';

const LOCAL_FORMAT = "yyyy-MM-dd'T'HH:mm";

export type SendTimeProblem = 'invalid' | 'skipped-by-dst';

/**
 * The UTC instant of a wall-clock time in the network's zone. A time the clocks skip (the spring-forward hour) is
 * refused rather than moved, so nobody gets a newsletter at a time they did not choose; an ambiguous autumn time is
 * the first of the two, as luxon resolves it.
 */
export function sendInstant(localTime: string, timeZone: string): Date | SendTimeProblem {
  const local = DateTime.fromFormat(localTime, LOCAL_FORMAT, { zone: timeZone });
  if (!local.isValid) return 'invalid';
  if (local.toFormat(LOCAL_FORMAT) !== localTime) return 'skipped-by-dst';
  return local.toUTC().toJSDate();
}

export function localTimeOf(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toFormat(LOCAL_FORMAT);
}

/** What the scheduler does with a scheduled send at `now`: not yet, go, or ask (the hub was down past the grace). */
export function dueAction(sendAt: Date, now: Date, graceMs: number): 'wait' | 'start' | 'ask' {
  const late = now.getTime() - sendAt.getTime();
  if (late < 0) return 'wait';
  return late <= graceMs ? 'start' : 'ask';
}
