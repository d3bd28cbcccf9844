import { DateTime } from 'luxon';

export interface SeriesCalendarInput {
  /** The series' UID; every occurrence is an instance of it, told apart by RECURRENCE-ID. */
  uid: string;
  timeZone: string;
  /** Local wall time of the first occurrence, "2027-03-16T10:00". */
  firstStartsAt: string;
  durationMinutes: number;
  /** RRULE value without DTSTART, ending with COUNT (no zone needed). */
  rrule: string;
  summary: string;
  description: string;
  location: string | null;
  organiser: { name: string; email: string };
  /** Raise when the series changes (an occurrence cancelled adds an EXDATE). */
  sequence: number;
  /** Starts the rule gives that did not or no longer take place: EXDATEs. */
  excluded: Date[];
  /** Occurrences moved away from the rule's time, keyed by the rule's time. */
  overrides: Array<{ recurrenceId: Date; startsAt: Date; endsAt: Date; sequence: number }>;
}

/**
 * A recurring series as one calendar entry (METHOD:PUBLISH, for "add to calendar"): a master VEVENT with
 * `DTSTART;TZID=` and the RRULE, EXDATEs for skipped or cancelled occurrences, and one VEVENT with RECURRENCE-ID per
 * moved occurrence. Times are local with a VTIMEZONE, because a rule expanded in UTC would move the local time by
 * an hour at every DST change.
 */
export function buildSeriesCalendar(input: SeriesCalendarInput): string {
  const zone = input.timeZone;
  const first = DateTime.fromISO(input.firstStartsAt, { zone });
  const local = (date: Date | DateTime) => (date instanceof Date ? DateTime.fromJSDate(date, { zone }) : date).toFormat("yyyyMMdd'T'HHmmss");
  const utc = (date: Date) => DateTime.fromJSDate(date, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
  const stamp = utc(new Date());
  const lastYear = Math.max(first.year, ...input.overrides.map((o) => o.startsAt.getUTCFullYear()), ...input.excluded.map((d) => d.getUTCFullYear())) + 1;
  const common = [
    `UID:${input.uid}`,
    `DTSTAMP:${stamp}`,
    `SUMMARY:${text(input.summary)}`,
    ...(input.description ? [`DESCRIPTION:${text(input.description)}`] : []),
    ...(input.location ? [`LOCATION:${text(input.location)}`] : []),
    `ORGANIZER;CN=${param(input.organiser.name)}:mailto:${input.organiser.email}`,
  ];
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Nordic Network Hub//scheduling//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...vtimezone(zone, first.year - 1, lastYear),
    'BEGIN:VEVENT',
    ...common,
    `SEQUENCE:${input.sequence}`,
    `DTSTART;TZID=${zone}:${local(first)}`,
    `DTEND;TZID=${zone}:${local(first.plus({ minutes: input.durationMinutes }))}`,
    `RRULE:${input.rrule}`,
    ...input.excluded.map((date) => `EXDATE;TZID=${zone}:${local(date)}`),
    'END:VEVENT',
    ...input.overrides.flatMap((override) => [
      'BEGIN:VEVENT',
      ...common,
      `SEQUENCE:${override.sequence}`,
      `RECURRENCE-ID;TZID=${zone}:${local(override.recurrenceId)}`,
      `DTSTART;TZID=${zone}:${local(override.startsAt)}`,
      `DTEND;TZID=${zone}:${local(override.endsAt)}`,
      'END:VEVENT',
    ]),
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

/**
 * The zone's rules as a VTIMEZONE, one observance per actual change of offset from `fromYear` to `toYear`, found
 * from the IANA data (luxon) rather than assumed, so any zone is right, including ones without DST.
 */
export function vtimezone(zone: string, fromYear: number, toYear: number): string[] {
  const start = DateTime.fromObject({ year: fromYear, month: 1, day: 1 }, { zone });
  const end = DateTime.fromObject({ year: toYear + 1, month: 1, day: 1 }, { zone });
  const observances: string[][] = [];
  const observance = (at: DateTime, from: number, to: DateTime) => [
    `BEGIN:${to.isInDST ? 'DAYLIGHT' : 'STANDARD'}`,
    // DTSTART of an observance is the local time in the offset in force before the change.
    `DTSTART:${at.toUTC().plus({ minutes: from }).toFormat("yyyyMMdd'T'HHmmss")}`,
    `TZOFFSETFROM:${offset(from)}`,
    `TZOFFSETTO:${offset(to.offset)}`,
    `TZNAME:${to.offsetNameShort ?? offset(to.offset)}`,
    `END:${to.isInDST ? 'DAYLIGHT' : 'STANDARD'}`,
  ];
  observances.push(observance(start, start.offset, start));
  let previous = start;
  for (let day = start.plus({ days: 1 }); day < end; day = day.plus({ days: 1 })) {
    if (day.offset === previous.offset) {
      previous = day;
      continue;
    }
    // The change lies within the day; find its minute.
    let low = previous.toMillis();
    let high = day.toMillis();
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 120_000) * 60_000;
      if (DateTime.fromMillis(middle, { zone }).offset === previous.offset) low = middle;
      else high = middle;
    }
    observances.push(observance(DateTime.fromMillis(high, { zone }), previous.offset, DateTime.fromMillis(high, { zone })));
    previous = day;
  }
  return ['BEGIN:VTIMEZONE', `TZID:${zone}`, ...observances.flat(), 'END:VTIMEZONE'];
}

function offset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

function param(value: string): string {
  return `"${value.replace(/"/g, "'")}"`;
}

/** Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1), never inside a character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  for (const char of line) {
    if (Buffer.byteLength(current + char) > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
    }
    current += char;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
