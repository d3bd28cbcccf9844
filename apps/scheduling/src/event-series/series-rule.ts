import { DateTime } from 'luxon';
import { Options, RRule } from 'rrule';

/** A series is materialised as one event per occurrence; this bounds how many one request creates. */
export const MAX_OCCURRENCES = 60;

export interface SeriesOccurrenceTime {
  /** The local wall time the rule gives, "2027-03-30T10:00". */
  local: string;
  /** That wall time in the series' zone, as an instant: the occurrence's start and its RECURRENCE-ID. */
  startsAt: Date;
  excluded: boolean;
}

export interface ExpandedSeries {
  /** The rule as calendars get it: its end written as COUNT, so it needs no zone (an UNTIL would have to be UTC). */
  calendarRrule: string;
  occurrences: SeriesOccurrenceTime[];
}

export class SeriesRuleError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Expands the rule over local wall times, not instants: rrule runs on "floating" dates (UTC standing in for the
 * zone's clock), and each result is then placed in the zone, so "every second Tuesday 10:00 Europe/Oslo" stays 10:00
 * across the DST change. This is what a calendar does with `DTSTART;TZID=…` and an RRULE, so both agree.
 */
export function expandSeries(rrule: string, firstStartsAt: string, timeZone: string, exceptions: readonly string[]): ExpandedSeries {
  let options: Partial<Options>;
  try {
    // An UNTIL date (no time) includes that whole day, as in a calendar.
    options = RRule.parseString(rrule.replace(/^RRULE:/i, '').replace(/UNTIL=(\d{8})(?=;|$)/i, 'UNTIL=$1T235959Z'));
  } catch (error) {
    throw new SeriesRuleError('rrule', (error as Error).message);
  }
  if (options.freq === undefined || options.freq === null) throw new SeriesRuleError('rrule', 'needs a FREQ such as WEEKLY or MONTHLY');
  if (options.dtstart || options.tzid) throw new SeriesRuleError('rrule', 'leave DTSTART and TZID out; give firstStartsAt and the event’s timeZone');
  if (!options.count && !options.until) throw new SeriesRuleError('rrule', `must end: add COUNT or UNTIL (at most ${MAX_OCCURRENCES} occurrences)`);
  if ((options.freq as number) > RRule.DAILY) throw new SeriesRuleError('rrule', 'FREQ must be DAILY or longer');

  const dtstart = new Date(`${firstStartsAt}:00Z`);
  const floating = new RRule({ ...options, dtstart }).all((_date, index) => index <= MAX_OCCURRENCES);
  if (floating.length > MAX_OCCURRENCES) throw new SeriesRuleError('rrule', `gives more than ${MAX_OCCURRENCES} occurrences`);
  if (floating.length === 0) throw new SeriesRuleError('rrule', 'gives no occurrence');
  // A calendar always counts DTSTART as the first occurrence, rrule only when the rule hits it: require both to agree.
  if (floating[0].getTime() !== dtstart.getTime()) throw new SeriesRuleError('firstStartsAt', 'must be a date the rule gives (e.g. a Tuesday for BYDAY=TU)');

  const occurrences = floating.map((date) => {
    const local = date.toISOString().slice(0, 16);
    const startsAt = DateTime.fromISO(local, { zone: timeZone }).toJSDate();
    return { local, startsAt, excluded: exceptions.includes(local.slice(0, 10)) };
  });
  for (const date of exceptions) {
    if (!occurrences.some((occurrence) => occurrence.local.startsWith(date))) throw new SeriesRuleError('exceptions', `${date} is not a date of the series`);
  }
  if (occurrences.every((occurrence) => occurrence.excluded)) throw new SeriesRuleError('exceptions', 'leave at least one occurrence');
  const calendarRrule = new RRule({ ...options, until: null, count: occurrences.length }).toString().replace(/^RRULE:/, '');
  return { calendarRrule, occurrences };
}
