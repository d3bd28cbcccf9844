import { createEventSeriesSchema, sameSharedValue, updateEventSeriesSchema, type CreateEventSeries, type EventSeriesView, type Language, type UpdateEventSeries } from '@hub/contracts';
import type { FieldErrors } from '../pages/page-components';
import { formText } from './console-forms';
import { eventFieldErrors, eventFieldOf, EventPlaceValues, eventPlaceValues, LocalProblem, readEventForm } from './event-form';

/** The series editor's fields as typed: what every occurrence shares, and the length of each. */
export interface SeriesFormValues extends EventPlaceValues {
  title: Partial<Record<Language, string>>;
  description: Partial<Record<Language, string>>;
  durationMinutes?: string;
  /** Only when editing: the local time of day of the occurrences. */
  startTime?: string;
  visibility?: string;
  approvalRequired: boolean;
  rrule?: string;
  /** One local date a line, as typed. */
  exceptions?: string;
  /** Only when creating: what a series keeps from its start. */
  kind?: string;
  timeZone?: string;
  firstStartsAt?: string;
}

/** Fields the series editor offers, in the order a change is checked; questions are changed through the API. */
const EDITABLE = ['title', 'description', 'venue', 'joinUrl', 'organiser', 'capacity', 'visibility', 'approvalRequired', 'durationMinutes', 'startTime', 'rrule', 'exceptions'] as const;

/** The dates typed one a line (or separated by commas or spaces), in calendar order, so that order is no change. */
function dateLines(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .sort();
}

export function readSeriesForm(form: Record<string, unknown>, languages: readonly Language[]): SeriesFormValues {
  const event = readEventForm(form, languages);
  return {
    title: event.title,
    description: event.description,
    venueName: event.venueName,
    venueAddress: event.venueAddress,
    venueCity: event.venueCity,
    joinUrl: event.joinUrl,
    organiserName: event.organiserName,
    organiserEmail: event.organiserEmail,
    capacity: event.capacity,
    visibility: event.visibility,
    approvalRequired: event.approvalRequired,
    durationMinutes: formText(form.durationMinutes),
    startTime: formText(form.startTime),
    rrule: formText(form.rrule),
    exceptions: typeof form.exceptions === 'string' ? form.exceptions.trim() : undefined,
    kind: event.kind,
    timeZone: event.timeZone,
    firstStartsAt: formText(form.firstStartsAt),
  };
}

export function seriesFormValues(series: EventSeriesView): SeriesFormValues {
  return {
    title: { ...series.title },
    description: { ...series.description },
    ...eventPlaceValues(series),
    visibility: series.visibility,
    approvalRequired: series.approvalRequired,
    durationMinutes: String(series.durationMinutes),
    startTime: series.startTime,
    rrule: series.rrule,
    exceptions: series.exceptions.join('\n'),
  };
}

/** The fields as the API takes them, from what was typed; a value the form cannot turn into its type is left for the schema to name. */
function seriesFields(values: SeriesFormValues) {
  const whole = (text: string | undefined) => (text && /^\d+$/.test(text) ? Number(text) : text);
  return {
    title: values.title,
    venue: values.venueName || values.venueAddress || values.venueCity ? { name: values.venueName ?? '', address: values.venueAddress ?? '', city: values.venueCity ?? '' } : null,
    joinUrl: values.joinUrl ?? null,
    organiser: { name: values.organiserName ?? '', email: values.organiserEmail ?? '' },
    capacity: whole(values.capacity),
    visibility: values.visibility,
    approvalRequired: values.approvalRequired,
    durationMinutes: whole(values.durationMinutes),
    rrule: values.rrule ?? '',
    exceptions: dateLines(values.exceptions),
  };
}

/** A new series from the form, checked with the API's schema, each problem on its form field. */
export function seriesRequest(values: SeriesFormValues, languages: readonly Language[], message: (key: string) => string): { series: CreateEventSeries } | { errors: FieldErrors } {
  const parsed = createEventSeriesSchema.safeParse({
    ...seriesFields(values),
    ...(Object.keys(values.description).length > 0 && { description: values.description }),
    kind: values.kind,
    timeZone: values.timeZone ?? '',
    firstStartsAt: values.firstStartsAt ?? '',
  });
  if (parsed.success) return { series: parsed.data };
  return { errors: eventFieldErrors([], parsed.error.issues, languages, [], message) };
}

/**
 * Only what differs from the series, so that a field left as it was is not sent (and an untouched length is no new
 * time for anyone); checked with the API's schema, each problem on its form field. A description emptied in every
 * language is not a change: the API keeps at least one.
 */
export function seriesChanges(values: SeriesFormValues, series: EventSeriesView, languages: readonly Language[], message: (key: string) => string): { changes: UpdateEventSeries | null } | { errors: FieldErrors } {
  const whole: Record<(typeof EDITABLE)[number], unknown> = {
    ...seriesFields(values),
    startTime: values.startTime ?? '',
    description: Object.keys(values.description).length > 0 ? values.description : series.description,
  };
  const stored: Record<(typeof EDITABLE)[number], unknown> = { ...series, exceptions: [...series.exceptions].sort() };
  const changed = Object.fromEntries(EDITABLE.filter((field) => !sameSharedValue(whole[field], stored[field])).map((field) => [field, whole[field]]));
  if (Object.keys(changed).length === 0) return { changes: null };
  const parsed = updateEventSeriesSchema.safeParse(changed);
  if (parsed.success) return { changes: parsed.data };
  return { errors: eventFieldErrors([], parsed.error.issues, languages, [], message) };
}

/**
 * The API's refusal ("capacity: …; joinUrl: …", the rules checked on every occurrence) next to the form's fields.
 * A published occurrence's seats are the one rule the form cannot see, so it has a message of its own.
 */
export function seriesRefusalErrors(refusal: string, languages: readonly Language[], message: (key: string) => string): FieldErrors {
  const problems: LocalProblem[] = refusal
    .split('; ')
    .map((part) => /^([\w.]+): (.*)$/.exec(part))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, path, text]) => {
      const problem = eventFieldOf(path.split('.'), languages);
      return problem.key === 'capacity' && /only grow/.test(text) ? { ...problem, key: 'capacityShrink' } : problem;
    });
  return eventFieldErrors(problems, [], languages, [], message);
}
