import { DateTime } from 'luxon';
import { eventProblems, sameSharedValue, SERIES_SHARED_FIELDS, SeriesSharedField, UpdateEventSeries, UpdateNetworkEvent } from '@hub/contracts';
import type { NetworkEvent } from '../network-events/network-event.schema';
import type { EventSeries } from './event-series.schema';
import { expandSeries, SeriesRuleError } from './series-rule';

export type SeriesBaseline = Pick<NetworkEvent, SeriesSharedField> & { durationMinutes: number; startTime: string; timeZone: string };
type Problem = { path: string; message: string };

/**
 * What the series says its occurrences share. A series stored before it kept every shared field lacks some; for
 * those the value most of its occurrences hold stands in (they were all created with it).
 */
export function seriesBaseline(series: EventSeries, occurrences: readonly NetworkEvent[]): SeriesBaseline {
  const kept = series as unknown as Record<SeriesSharedField, unknown>;
  const baseline = { durationMinutes: series.durationMinutes, startTime: series.startTime ?? series.firstStartsAt.slice(11, 16), timeZone: series.timeZone } as Record<string, unknown>;
  for (const field of SERIES_SHARED_FIELDS) {
    baseline[field] = kept[field] !== undefined ? kept[field] : mostCommon(occurrences.map((occurrence) => occurrence[field]));
  }
  return baseline as SeriesBaseline;
}

function mostCommon(values: unknown[]): unknown {
  const counts = new Map<string, { value: unknown; count: number }>();
  for (const value of values) {
    const key = JSON.stringify(value ?? null);
    const entry = counts.get(key) ?? { value, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count)[0]?.value ?? null;
}

/**
 * An occurrence overrides a field by holding another value than the series: it was changed on its own (through the
 * event API), and a change of the whole series leaves that field alone. Its time is its own once it starts elsewhere
 * than the series puts it (its rule date at the series' time of day), lasts another length, or has a zone of its own.
 */
export function overriddenFields(baseline: SeriesBaseline, occurrence: NetworkEvent): Array<SeriesSharedField | 'time'> {
  const fields: Array<SeriesSharedField | 'time'> = SERIES_SHARED_FIELDS.filter((field) => !sameSharedValue(occurrence[field], baseline[field]));
  const moved =
    occurrence.timeZone !== baseline.timeZone ||
    (occurrence.recurrenceId !== null && occurrence.startsAt.getTime() !== seriesStart(occurrence.recurrenceId, baseline.startTime, baseline.timeZone).getTime());
  if (moved || occurrence.endsAt.getTime() - occurrence.startsAt.getTime() !== baseline.durationMinutes * 60_000) fields.push('time');
  return fields;
}

/** Where the series puts an occurrence: the date its rule gave it, at the series' time of day, in the series' zone. */
export function seriesStart(recurrenceId: Date, startTime: string, timeZone: string): Date {
  const date = DateTime.fromJSDate(recurrenceId, { zone: timeZone }).toISODate();
  return DateTime.fromISO(`${date}T${startTime}`, { zone: timeZone }).toJSDate();
}

/** A change of the whole series reaches only occurrences still to come: not started, cancelled or held. */
export function stillToCome(occurrence: NetworkEvent, now: Date): boolean {
  return occurrence.status !== 'cancelled' && occurrence.status !== 'held' && occurrence.startsAt > now;
}

export interface SeriesChangePlan {
  /** Per occurrence that changes, only what changes, as the ordinary event change it becomes. */
  changes: Array<{ eventId: string; change: UpdateNetworkEvent }>;
  problems: Problem[];
}

/**
 * Which occurrences a change of the whole series reaches, and how: those not started, cancelled or held, each in the
 * fields it did not override. Every resulting occurrence is checked with the event rules before anything is written,
 * so a change is refused whole (400 naming the series' field) rather than applied to some occurrences only.
 */
export function planSeriesChange(baseline: SeriesBaseline, occurrences: readonly NetworkEvent[], update: UpdateEventSeries, now: Date): SeriesChangePlan {
  const changes: SeriesChangePlan['changes'] = [];
  const problems = new Map<string, string>();
  for (const occurrence of occurrences) {
    if (!stillToCome(occurrence, now)) continue;
    const overridden = overriddenFields(baseline, occurrence);
    const change: Record<string, unknown> = {};
    for (const field of SERIES_SHARED_FIELDS) {
      if (update[field] === undefined || overridden.includes(field) || sameSharedValue(occurrence[field], update[field])) continue;
      change[field] = update[field];
    }
    let [startsAt, endsAt] = [occurrence.startsAt, occurrence.endsAt];
    if ((update.durationMinutes !== undefined || update.startTime !== undefined) && !overridden.includes('time') && occurrence.recurrenceId) {
      startsAt = seriesStart(occurrence.recurrenceId, update.startTime ?? baseline.startTime, baseline.timeZone);
      endsAt = new Date(startsAt.getTime() + (update.durationMinutes ?? baseline.durationMinutes) * 60_000);
      if (startsAt.getTime() !== occurrence.startsAt.getTime()) change.startsAt = startsAt.toISOString();
      if (endsAt.getTime() !== occurrence.endsAt.getTime()) change.endsAt = endsAt.toISOString();
    }
    if (Object.keys(change).length === 0) continue;
    const next = { ...occurrence, ...change } as NetworkEvent;
    for (const problem of eventProblems({
      ...next,
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      registrationOpensAt: occurrence.registrationOpensAt?.toISOString() ?? null,
      registrationClosesAt: occurrence.registrationClosesAt?.toISOString() ?? null,
    })) {
      problems.set(problem.path === 'endsAt' ? 'durationMinutes' : problem.path, problem.message);
    }
    // A new time must still be to come, as a series only changes occurrences that have not started.
    if (startsAt <= now) {
      problems.set('startTime', `would move the occurrence of ${occurrence.startsAt.toISOString()} to a time that has passed`);
    }
    // As for a single event: seats already given cannot be taken back safely, so a published capacity only grows.
    if (occurrence.status === 'published' && next.capacity < occurrence.capacity) {
      problems.set('capacity', `a published occurrence's capacity can only grow (${occurrence.startsAt.toISOString()} has ${occurrence.capacity})`);
    }
    changes.push({ eventId: occurrence._id, change: change as UpdateNetworkEvent });
  }
  return { changes, problems: [...problems].map(([path, message]) => ({ path, message })) };
}

export interface SeriesRulePlan {
  /** Occurrences still to come that the new rule or exceptions take away: each is cancelled like any event. */
  cancel: string[];
  /** What the series document keeps of the new rule. */
  set: Pick<EventSeries, 'rrule' | 'calendarRrule' | 'exceptions' | 'excludedStarts'> | null;
  problems: Problem[];
}

/**
 * A new rule or list of exceptions may only take occurrences away (end earlier, skip a date): a date it would add has
 * no event (its id, seats and invites), and one that has started or is over cannot be taken back. The rule keeps
 * its first start, so RECURRENCE-IDs and the invites already sent stay valid.
 */
export function planRuleChange(series: EventSeries, occurrences: readonly NetworkEvent[], update: UpdateEventSeries, now: Date): SeriesRulePlan {
  if (update.rrule === undefined && update.exceptions === undefined) return { cancel: [], set: null, problems: [] };
  const field = update.rrule !== undefined ? 'rrule' : 'exceptions';
  let expanded;
  try {
    expanded = expandSeries(update.rrule ?? series.rrule, series.firstStartsAt, series.timeZone, update.exceptions ?? series.exceptions);
  } catch (error) {
    if (error instanceof SeriesRuleError) return { cancel: [], set: null, problems: [{ path: error.path, message: error.message }] };
    throw error;
  }
  const kept = new Set(expanded.occurrences.filter((o) => !o.excluded).map((o) => o.startsAt.getTime()));
  const existing = new Set(occurrences.map((o) => o.recurrenceId?.getTime()));
  const problems: Problem[] = [];
  const added = expanded.occurrences.find((o) => !o.excluded && !existing.has(o.startsAt.getTime()));
  if (added) problems.push({ path: field, message: `may only take occurrences away; ${added.local.slice(0, 10)} is not one of the series' occurrences` });
  const removed = occurrences.filter((o) => o.recurrenceId && !kept.has(o.recurrenceId.getTime()) && o.status !== 'cancelled');
  const started = removed.find((o) => !stillToCome(o, now));
  if (started) problems.push({ path: field, message: `would take away the occurrence of ${started.startsAt.toISOString()}, which has started or is over` });
  return {
    cancel: removed.map((o) => o._id),
    set: {
      rrule: (update.rrule ?? series.rrule).replace(/^RRULE:/i, ''),
      calendarRrule: expanded.calendarRrule,
      exceptions: update.exceptions ?? series.exceptions,
      excludedStarts: expanded.occurrences.filter((o) => o.excluded).map((o) => o.startsAt),
    },
    problems,
  };
}
