import { z } from 'zod';
import { emailAddressSchema } from '../email-address';
import { Language, languageSchema } from '../languages';

/** Bodies of scheduling's internal API, validated by the gateway before it calls and by scheduling when it answers. */

export const NETWORK_EVENT_KINDS = ['network-meeting', 'webinar', 'gathering'] as const;
export type NetworkEventKind = (typeof NETWORK_EVENT_KINDS)[number];
export type NetworkEventStatus = 'draft' | 'published' | 'held' | 'cancelled';

const timeZoneSchema = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/Oslo');

/** Text per offered language; at least one. */
const perLanguage = (max: number) =>
  z
    .partialRecord(languageSchema, z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`))
    .refine((texts) => Object.keys(texts).length > 0, 'give the text in at least one language');

const questionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'use 1-40 lower-case letters, digits and "-"'),
    kind: z.enum(['text', 'choice', 'yes-no', 'consent']),
    label: perLanguage(300),
    required: z.boolean().default(false),
    options: z
      .array(z.object({ id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'use 1-40 lower-case letters, digits and "-"'), label: perLanguage(200) }))
      .max(30)
      .optional(),
  })
  .refine((question) => question.kind !== 'choice' || (question.options?.length ?? 0) >= 2, { message: 'a choice needs at least two options', path: ['options'] });
export type EventQuestion = z.infer<typeof questionSchema>;

const venueSchema = z.object({
  name: z.string().trim().min(1).max(200),
  address: z.string().trim().max(300).default(''),
  city: z.string().trim().max(100).default(''),
});
export type Venue = z.infer<typeof venueSchema>;

const eventFields = {
  kind: z.enum(NETWORK_EVENT_KINDS),
  title: perLanguage(200),
  description: perLanguage(5_000).optional(),
  startsAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 instant' }).transform((value) => new Date(value).toISOString()),
  endsAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 instant' }).transform((value) => new Date(value).toISOString()),
  timeZone: timeZoneSchema,
  venue: venueSchema.nullable().default(null),
  /** Webinar: required. Network meeting: optional, makes it hybrid. Secret: only confirmed participants see it. */
  joinUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).nullable().default(null),
  organiser: z.object({ name: z.string().trim().min(1).max(200), email: emailAddressSchema }),
  capacity: z.number().int().min(1).max(100_000),
  registrationOpensAt: z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString()).nullable().default(null),
  registrationClosesAt: z.iso.datetime({ offset: true }).transform((value) => new Date(value).toISOString()).nullable().default(null),
  visibility: z.enum(['public', 'members']).default('public'),
  /** Registrations wait as pending until a coordinator approves (a seat or the waitlist) or declines them. */
  approvalRequired: z.boolean().default(false),
  questions: z.array(questionSchema).max(30).default([]),
};

type EventShape = {
  kind: NetworkEventKind;
  startsAt: string;
  endsAt: string;
  venue: Venue | null;
  joinUrl: string | null;
  questions: EventQuestion[];
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
};

/** The rules that tie fields together; shared by create and update so an edit cannot break them either. */
export function eventProblems(event: EventShape): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  if (new Date(event.endsAt) <= new Date(event.startsAt)) problems.push({ path: 'endsAt', message: 'must be after startsAt' });
  if (event.kind === 'webinar' && !event.joinUrl) problems.push({ path: 'joinUrl', message: 'a webinar needs a join URL' });
  if (event.kind !== 'webinar' && !event.venue) problems.push({ path: 'venue', message: `a ${event.kind} needs a venue` });
  if (event.registrationOpensAt && event.registrationClosesAt && event.registrationClosesAt <= event.registrationOpensAt) {
    problems.push({ path: 'registrationClosesAt', message: 'must be after registrationOpensAt' });
  }
  const ids = event.questions.map((question) => question.id);
  if (new Set(ids).size !== ids.length) problems.push({ path: 'questions', message: 'question ids must be unique' });
  return problems;
}

export const createNetworkEventSchema = z.object(eventFields).superRefine((event, context) => {
  for (const problem of eventProblems(event)) context.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
});
export type CreateNetworkEvent = z.infer<typeof createNetworkEventSchema>;

/** Any subset of the fields; the result of applying it is checked again with eventProblems. */
export const updateNetworkEventSchema = z
  .object({
    title: eventFields.title.optional(),
    description: eventFields.description,
    startsAt: eventFields.startsAt.optional(),
    endsAt: eventFields.endsAt.optional(),
    timeZone: eventFields.timeZone.optional(),
    venue: venueSchema.nullable().optional(),
    joinUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).nullable().optional(),
    organiser: eventFields.organiser.optional(),
    capacity: eventFields.capacity.optional(),
    // unwrap(): zod 4 applies a default inside optional(), which would reset a field the change left out.
    registrationOpensAt: eventFields.registrationOpensAt.unwrap().optional(),
    registrationClosesAt: eventFields.registrationClosesAt.unwrap().optional(),
    visibility: eventFields.visibility.unwrap().optional(),
    approvalRequired: z.boolean().optional(),
    questions: eventFields.questions.unwrap().optional(),
  })
  .strict()
  .refine((update) => Object.keys(update).length > 0, 'change at least one field');
export type UpdateNetworkEvent = z.infer<typeof updateNetworkEventSchema>;

export const networkEventTransitionSchema = z.object({ to: z.enum(['published', 'held', 'cancelled']) });
export type NetworkEventTransition = z.infer<typeof networkEventTransitionSchema>;

/** What coordinators see. */
export interface NetworkEventView {
  id: string;
  kind: NetworkEventKind;
  status: NetworkEventStatus;
  title: Partial<Record<Language, string>>;
  description: Partial<Record<Language, string>>;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venue: Venue | null;
  joinUrl: string | null;
  organiser: { name: string; email: string };
  capacity: number;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
  visibility: 'public' | 'members';
  approvalRequired: boolean;
  questions: EventQuestion[];
  /** The calendar invite's SEQUENCE: every change participants must see raises it. */
  sequence: number;
  rescheduledAt: string | null;
  /** An occurrence of a series: the series and the start its rule gave it (the calendar's RECURRENCE-ID). */
  seriesId: string | null;
  recurrenceId: string | null;
  seatsTaken: number;
  waitlisted: number;
}

/** What anyone sees: no join URL, no waitlist. */
export type PublicNetworkEventView = Omit<NetworkEventView, 'joinUrl' | 'waitlisted'> & { seatsLeft: number };

const answerSchema = z.union([z.string().trim().max(2_000), z.boolean()]);

export const registerRequestSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  email: emailAddressSchema,
  organisation: z.string().trim().max(200, 'must be at most 200 characters').default(''),
  language: languageSchema,
  answers: z.record(z.string().max(40), answerSchema).default({}),
  /** Consent to storing the registration, required by the form; the event's own consent questions are answers. */
  consent: z.literal(true, { error: 'must be true to register' }),
  /**
   * Set only by the gateway, after it found the organisation the person chose among the network's current members:
   * what a members-only event requires. The public form sends `organisationId` instead.
   */
  membership: z.object({ organisationId: z.string().min(1), organisationName: z.string().min(1) }).nullable().default(null),
});
export type RegisterRequest = z.infer<typeof registerRequestSchema>;
/** What a caller sends: `membership` may be left out (none). */
export type RegisterRequestInput = z.input<typeof registerRequestSchema>;

/** A coordinator adds someone: the same fields, no consent box (the coordinator answers for it), and a choice of email. */
export const coordinatorRegistrationSchema = registerRequestSchema.omit({ consent: true }).extend({
  language: languageSchema,
  /** False: no confirmation email (e.g. someone who signed up by phone and has had the details). */
  notify: z.boolean().default(true),
});
export type CoordinatorRegistration = z.infer<typeof coordinatorRegistrationSchema>;

export const moveRegistrationSchema = z.object({
  toEventId: z.string().trim().min(1, 'must name the event to move to').max(200),
  notify: z.boolean().default(true),
});
export type MoveRegistration = z.infer<typeof moveRegistrationSchema>;

export type RegistrationStatus = 'pending' | 'confirmed' | 'waitlisted' | 'cancelled';

export const attendanceSchema = z.object({ attended: z.boolean() });
export type Attendance = z.infer<typeof attendanceSchema>;

export const registrationDecisionSchema = z.object({ approve: z.boolean() });
export type RegistrationDecision = z.infer<typeof registrationDecisionSchema>;

export interface RegistrationView {
  id: string;
  eventId: string;
  status: RegistrationStatus;
  name: string;
  email: string;
  organisation: string;
  language: Language;
  answers: Record<string, string | boolean>;
  seat: number | null;
  registeredAt: string;
  /** Checked in at the event (coordinators mark it). */
  attended: boolean;
}

/** The answer to a public registration: no seat number, nothing about other people. */
export interface RegisterResponse {
  registrationId: string;
  status: RegistrationStatus;
}

/** The participant's personal page: the event, their registration, and the join URL once confirmed. */
export interface OwnRegistrationView {
  registration: Omit<RegistrationView, 'seat'>;
  event: PublicNetworkEventView & { joinUrl: string | null };
}

export const registrationTokenSchema = z.object({ token: z.string().min(1).max(2_000) });
export type RegistrationToken = z.infer<typeof registrationTokenSchema>;

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
const isoDate = z.iso.date({ error: 'must be a date like 2027-03-16' });

/** What a coordinator asks the yearly programme planner for; the country and zone come from the network. */
export const programmeRequestSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  meetings: z
    .object({
      count: z.number().int().min(0).max(6).default(3),
      /** 1-12; when left out, spread over the year outside July. */
      months: z.array(z.number().int().min(1).max(12)).max(6).optional(),
      weekday: z.enum(WEEKDAYS).default('wednesday'),
      startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM').default('10:00'),
      durationMinutes: z.number().int().min(30).max(12 * 60).default(300),
    })
    .prefault({}),
  /** The pre-Christmas gathering (late November to mid December). */
  gathering: z
    .object({
      weekday: z.enum(WEEKDAYS).default('thursday'),
      startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM').default('10:00'),
      durationMinutes: z.number().int().min(30).max(2 * 24 * 60).default(420),
    })
    .nullable()
    .default(null),
  /** School winter and autumn breaks of the network's region(s). */
  schoolBreaks: z.array(z.object({ name: z.string().trim().min(1).max(100), from: isoDate, to: isoDate })).max(20).default([]),
  blockedDates: z.array(isoDate).max(366).default([]),
});
export type ProgrammeRequest = z.infer<typeof programmeRequestSchema>;

export const internalProgrammeRequestSchema = programmeRequestSchema.extend({
  country: z.enum(['NO', 'SE', 'DK', 'FI']),
  timeZone: timeZoneSchema,
});
export type InternalProgrammeRequest = z.infer<typeof internalProgrammeRequestSchema>;

export interface ProgrammeProposal {
  kind: 'network-meeting' | 'gathering';
  /** The local date in the network's zone. */
  date: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  /** The dates looked at first and why each was passed over. */
  avoided: Array<{ date: string; reasons: string[] }>;
}

export interface ProgrammeProposals {
  year: number;
  proposals: ProgrammeProposal[];
  /** What could not be placed at all, and why. */
  unplaced: Array<{ kind: 'network-meeting' | 'gathering'; month: number | null; reason: string }>;
}

const localDateTime = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/, 'must be a local date and time like 2027-01-12T10:00');

const seriesRule = z
  .string()
  .trim()
  .max(500)
  .regex(/^(RRULE:)?FREQ=/i, 'must be an RRULE such as FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=10');
const seriesExceptions = z.array(isoDate).max(100);

/**
 * A webinar series: the event's fields once, a first start in the event's zone (local wall time) and an RRULE
 * (RFC 5545, without DTSTART) that must end (COUNT or UNTIL). Every occurrence keeps the local time across DST.
 * `exceptions` are local dates the rule would hit but the series skips (they become EXDATEs).
 */
export const createEventSeriesSchema = z
  .object({
    kind: eventFields.kind.default('webinar'),
    title: eventFields.title,
    description: eventFields.description,
    timeZone: eventFields.timeZone,
    venue: eventFields.venue,
    joinUrl: eventFields.joinUrl,
    organiser: eventFields.organiser,
    capacity: eventFields.capacity,
    visibility: eventFields.visibility,
    approvalRequired: eventFields.approvalRequired,
    questions: eventFields.questions,
    firstStartsAt: localDateTime,
    durationMinutes: z.number().int().min(5).max(24 * 60),
    rrule: seriesRule,
    exceptions: seriesExceptions.default([]),
  })
  .superRefine((series, context) => {
    const start = new Date(`${series.firstStartsAt}:00Z`);
    if (Number.isNaN(start.getTime())) return;
    const problems = eventProblems({ ...series, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + series.durationMinutes * 60_000).toISOString(), registrationOpensAt: null, registrationClosesAt: null });
    for (const problem of problems) context.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
  });
export type CreateEventSeries = z.infer<typeof createEventSeriesSchema>;

/** Publishes every draft occurrence, or cancels every occurrence not over yet. */
export const eventSeriesTransitionSchema = z.object({ to: z.enum(['published', 'cancelled']) });
export type EventSeriesTransition = z.infer<typeof eventSeriesTransitionSchema>;

/** The fields a series' occurrences share, which a change of the whole series may set. */
export const SERIES_SHARED_FIELDS = ['title', 'description', 'venue', 'joinUrl', 'organiser', 'capacity', 'visibility', 'approvalRequired', 'questions'] as const;
export type SeriesSharedField = (typeof SERIES_SHARED_FIELDS)[number];

/**
 * Whether two values of a shared field are the same, as JSON whatever the key order (`{nb, en}` is `{en, nb}`): an
 * occurrence overrides a field exactly when this says it differs from the series.
 */
export function sameSharedValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, v]) => `${JSON.stringify(key)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Changes the whole series: every occurrence not started, cancelled or held takes the new values, except the fields
 * it overrode on its own (it holds another value than the series). `startTime` and `durationMinutes` move each
 * occurrence whose time was not changed on its own; like any change of time, that is announced to its participants
 * (the occurrence keeps its RECURRENCE-ID, so calendars move the instance they have). A new
 * `rrule` (e.g. ending earlier) or `exceptions` (the whole list) may only take occurrences away: those still to come
 * are cancelled, with the usual notice to their participants.
 */
export const updateEventSeriesSchema = z
  .object({
    title: eventFields.title.optional(),
    description: eventFields.description,
    venue: venueSchema.nullable().optional(),
    joinUrl: eventFields.joinUrl.unwrap().optional(),
    organiser: eventFields.organiser.optional(),
    capacity: eventFields.capacity.optional(),
    visibility: eventFields.visibility.unwrap().optional(),
    approvalRequired: z.boolean().optional(),
    questions: eventFields.questions.unwrap().optional(),
    durationMinutes: z.number().int().min(5).max(24 * 60).optional(),
    /** The local time of day of every occurrence, in the series' zone, e.g. "13:00". */
    startTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time like 13:00')
      .optional(),
    rrule: seriesRule.optional(),
    exceptions: seriesExceptions.optional(),
  })
  .strict()
  .refine((update) => Object.keys(update).length > 0, 'change at least one field');
export type UpdateEventSeries = z.infer<typeof updateEventSeriesSchema>;

export interface EventSeriesOccurrence {
  eventId: string;
  /** The start the rule gave it (RECURRENCE-ID), which stays when the occurrence is moved. */
  recurrenceId: string;
  startsAt: string;
  endsAt: string;
  status: NetworkEventStatus;
  sequence: number;
  /**
   * For an occurrence still to come (not started, cancelled or held): the shared fields it changed on its own, and
   * `time` when it was moved or lengthened on its own; a change of the series leaves those alone. Empty for the rest.
   */
  overridden: Array<SeriesSharedField | 'time'>;
}

export interface EventSeriesView {
  id: string;
  kind: NetworkEventKind;
  title: Partial<Record<Language, string>>;
  description: Partial<Record<Language, string>>;
  timeZone: string;
  /** The rule's first start (DTSTART), which RECURRENCE-IDs count from; it stays when the time of day changes. */
  firstStartsAt: string;
  /** The local time of day the occurrences start at now, "10:00". */
  startTime: string;
  durationMinutes: number;
  /** As given, and as written into calendars (the end as COUNT, so it needs no zone). */
  rrule: string;
  calendarRrule: string;
  exceptions: string[];
  /** The starts of those exceptions, as instants: the calendar's EXDATEs. */
  excludedStarts: string[];
  venue: Venue | null;
  organiser: { name: string; email: string };
  joinUrl: string | null;
  capacity: number;
  visibility: 'public' | 'members';
  approvalRequired: boolean;
  questions: EventQuestion[];
  occurrences: EventSeriesOccurrence[];
}

/** A change of the whole series, and the occurrences it changed. */
export type EventSeriesUpdateResult = EventSeriesView & { changedOccurrences: string[]; cancelledOccurrences: string[] };

/** What anyone sees of a series: only its published or past occurrences, nothing secret (no join URL). */
export type PublicEventSeriesView = Omit<EventSeriesView, 'joinUrl'>;

/** Registering for a whole series registers the address for every occurrence still open, each with its own seat. */
export interface SeriesRegistrationResponse {
  registrations: Array<{ eventId: string; startsAt: string; registrationId: string; status: RegistrationStatus }>;
}

const REMINDER_OFFSET = /^P(?:(\d{1,2})D)?(?:T(?:(\d{1,3})H)?(?:(\d{1,4})M)?)?$/;

/** Minutes of a reminder offset ("P1D", "PT2H30M"); days count as 24 h here, only for bounds and order. */
export function reminderOffsetMinutes(offset: string): number | null {
  const match = REMINDER_OFFSET.exec(offset);
  if (!match || offset === 'P' || offset.endsWith('T')) return null;
  const [, days = '0', hours = '0', minutes = '0'] = match;
  return Number(days) * 1440 + Number(hours) * 60 + Number(minutes);
}

/** The issue's defaults: a week, a day and an hour before. */
export const DEFAULT_REMINDER_OFFSETS = ['P7D', 'P1D', 'PT1H'] as const;
export const DEFAULT_RETENTION_DAYS = 90;

/** The network's standing wishes for the yearly plan: the programme request without the year. */
export const programmeSettingsSchema = programmeRequestSchema.omit({ year: true });
export type ProgrammeSettings = z.infer<typeof programmeSettingsSchema>;

/** What a network sets for its events; every field may be left out of a change. */
export const schedulingSettingsSchema = z.object({
  /**
   * Reminders before each event as ISO 8601 durations (days, hours, minutes), from 15 minutes to 30 days; days are
   * calendar days in the event's zone, so "P1D" keeps the wall-clock time across DST. An empty list sends none.
   */
  reminderOffsets: z
    .array(z.string().trim().toUpperCase())
    .max(5, 'at most 5 reminders')
    .superRefine((offsets, context) => {
      offsets.forEach((offset, index) => {
        const minutes = reminderOffsetMinutes(offset);
        if (minutes === null) context.addIssue({ code: 'custom', path: [index], message: 'must be an ISO 8601 duration such as P7D, P1D, PT1H or PT30M' });
        else if (minutes < 15 || minutes > 30 * 1440) context.addIssue({ code: 'custom', path: [index], message: 'must be between PT15M and P30D' });
      });
      if (new Set(offsets).size !== offsets.length) context.addIssue({ code: 'custom', message: 'must not repeat an offset' });
    }),
  /** Days after an event ends before its registrations are anonymised (names, addresses, answers; counts stay). */
  retentionDays: z.number().int().min(1, 'must be at least 1 day').max(3650, 'must be at most 3650 days'),
  /** Meetings (count, months, weekday, time, length), the gathering, school breaks and blocked dates. */
  planner: programmeSettingsSchema,
});
export const updateSchedulingSettingsSchema = schedulingSettingsSchema
  .partial()
  .strict()
  .refine((update) => Object.keys(update).length > 0, 'change at least one setting');
export type SchedulingSettings = z.infer<typeof schedulingSettingsSchema>;
export type UpdateSchedulingSettings = z.infer<typeof updateSchedulingSettingsSchema>;

/** A year's plan from the network's planner settings; the country and zone come from the network. */
export const programmeYearSchema = z.object({ year: programmeRequestSchema.shape.year });
export const internalProgrammeYearSchema = programmeYearSchema.extend({ country: internalProgrammeRequestSchema.shape.country, timeZone: timeZoneSchema });
export type ProgrammeYear = z.infer<typeof programmeYearSchema>;
export type InternalProgrammeYear = z.infer<typeof internalProgrammeYearSchema>;

/**
 * Accepting proposals of the plan made from the network's settings: the dates chosen, and what every created event
 * shares. Each becomes a draft event at the proposal's time; a date the plan does not propose is refused.
 */
export const acceptProgrammeSchema = programmeYearSchema.extend({
  dates: z.array(isoDate).min(1, 'choose at least one proposal').max(10),
  event: z.object({
    title: eventFields.title,
    description: eventFields.description,
    venue: venueSchema,
    joinUrl: eventFields.joinUrl,
    organiser: eventFields.organiser,
    capacity: eventFields.capacity,
  }),
});
export const internalAcceptProgrammeSchema = acceptProgrammeSchema.extend({ country: internalProgrammeRequestSchema.shape.country, timeZone: timeZoneSchema });
export type AcceptProgramme = z.infer<typeof acceptProgrammeSchema>;
export type InternalAcceptProgramme = z.infer<typeof internalAcceptProgrammeSchema>;
