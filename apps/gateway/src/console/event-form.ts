import { DateTime } from 'luxon';
import type { z } from 'zod';
import { eventProblems, NETWORK_EVENT_KINDS, type EventQuestion, type Language, type NetworkEventKind, type NetworkEventView } from '@hub/contracts';
import type { Network } from '../networks/network.schema';
import type { TFunction } from 'i18next';
import { textField, type FieldErrors } from '../pages/page-components';
import { html, raw } from '../pages/page.renderer';
import { formText } from './console-forms';

/** The question kinds the editor offers, in the order of its menu. */
export const EDITOR_QUESTION_KINDS = ['text', 'choice', 'yes-no', 'consent'] as const;
/** Empty question slots under the existing ones: a form without script cannot add rows. */
export const SPARE_QUESTIONS = 2;

export interface QuestionValues {
  id?: string;
  kind?: string;
  required: boolean;
  label: Partial<Record<Language, string>>;
  /** One option per line, per language; the lines of every language line up. */
  options: Partial<Record<Language, string>>;
}

/** Where, who organises and how many: typed the same way in the event editor and the planner's acceptance form. */
export interface EventPlaceValues {
  venueName?: string;
  venueAddress?: string;
  venueCity?: string;
  joinUrl?: string;
  organiserName?: string;
  organiserEmail?: string;
  capacity?: string;
}

/** The editor's fields as typed: times are local wall-clock times in the event's zone (`2027-03-16T10:00`). */
export interface EventFormValues extends EventPlaceValues {
  kind?: string;
  title: Partial<Record<Language, string>>;
  description: Partial<Record<Language, string>>;
  startsAt?: string;
  endsAt?: string;
  timeZone?: string;
  registrationOpensAt?: string;
  registrationClosesAt?: string;
  visibility?: string;
  approvalRequired: boolean;
  questions: QuestionValues[];
}

/** Form field name → the message key under `editor.errors`, for what the local parsing itself refuses. */
export type LocalProblem = { field: string; key: string };

/** What the form posted, trimmed, for the network's offered languages. */
export function readEventForm(form: Record<string, unknown>, languages: readonly Language[]): EventFormValues {
  const perLanguage = (prefix: string) => Object.fromEntries(languages.flatMap((language) => (formText(form[`${prefix}_${language}`]) ? [[language, formText(form[`${prefix}_${language}`])]] : [])));
  const slots = Number(formText(form.questionSlots) ?? '0');
  const questions: QuestionValues[] = [];
  for (let n = 1; n <= Math.min(Number.isInteger(slots) ? slots : 0, 30 + SPARE_QUESTIONS); n++) {
    questions.push({
      id: formText(form[`q${n}_id`]),
      kind: formText(form[`q${n}_kind`]),
      required: form[`q${n}_required`] === 'true',
      label: perLanguage(`q${n}_label`),
      options: Object.fromEntries(languages.flatMap((language) => (typeof form[`q${n}_options_${language}`] === 'string' && formText(form[`q${n}_options_${language}`]) ? [[language, String(form[`q${n}_options_${language}`])]] : []))),
    });
  }
  return {
    kind: formText(form.kind),
    title: perLanguage('title'),
    description: Object.fromEntries(languages.flatMap((language) => (formText(form[`description_${language}`]) ? [[language, String(form[`description_${language}`]).trim()]] : []))),
    startsAt: formText(form.startsAt),
    endsAt: formText(form.endsAt),
    timeZone: formText(form.timeZone),
    venueName: formText(form.venueName),
    venueAddress: formText(form.venueAddress),
    venueCity: formText(form.venueCity),
    joinUrl: formText(form.joinUrl),
    organiserName: formText(form.organiserName),
    organiserEmail: formText(form.organiserEmail),
    capacity: formText(form.capacity),
    registrationOpensAt: formText(form.registrationOpensAt),
    registrationClosesAt: formText(form.registrationClosesAt),
    visibility: formText(form.visibility),
    approvalRequired: form.approvalRequired === 'true',
    questions,
  };
}

/** What a new event's or series' form starts with: a public webinar in the network's zone, organised by its sender. */
export function newEventDefaults(network: Pick<Network, 'timeZone' | 'name' | 'sender'>) {
  return {
    kind: 'webinar',
    title: {},
    description: {},
    timeZone: network.timeZone,
    organiserName: network.sender.fromName || network.name,
    organiserEmail: network.sender.fromAddress || undefined,
    visibility: 'public',
    approvalRequired: false,
  };
}

/** Where, who and how many of a stored event or series, as the forms show them. */
export function eventPlaceValues(stored: Pick<NetworkEventView, 'venue' | 'joinUrl' | 'organiser' | 'capacity'>): EventPlaceValues {
  return {
    venueName: stored.venue?.name,
    venueAddress: stored.venue?.address || undefined,
    venueCity: stored.venue?.city || undefined,
    joinUrl: stored.joinUrl ?? undefined,
    organiserName: stored.organiser.name,
    organiserEmail: stored.organiser.email,
    capacity: String(stored.capacity),
  };
}

/** A stored event as the editor shows it, times in the event's own zone. */
export function eventFormValues(event: NetworkEventView): EventFormValues {
  const local = (instant: string | null) => (instant ? toLocal(instant, event.timeZone) : undefined);
  return {
    kind: event.kind,
    title: { ...event.title },
    description: { ...event.description },
    startsAt: local(event.startsAt),
    endsAt: local(event.endsAt),
    timeZone: event.timeZone,
    ...eventPlaceValues(event),
    registrationOpensAt: local(event.registrationOpensAt),
    registrationClosesAt: local(event.registrationClosesAt),
    visibility: event.visibility,
    approvalRequired: event.approvalRequired,
    questions: event.questions.map((question) => ({
      id: question.id,
      kind: question.kind,
      required: question.required,
      label: { ...question.label },
      options: Object.fromEntries(
        Object.keys(question.label).map((language) => [language, (question.options ?? []).map((option) => option.label[language as Language] ?? '').join('\n')]),
      ),
    })),
  };
}

/** `2027-03-16T10:00` in the zone → ISO instant; null when either is not valid. */
export function fromLocal(local: string, timeZone: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local)) return null;
  const time = DateTime.fromISO(local.slice(0, 16), { zone: timeZone });
  return time.isValid ? time.toUTC().toISO() : null;
}

export function toLocal(instant: string, timeZone: string): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(timeZone).toFormat("yyyy-MM-dd'T'HH:mm");
}

/**
 * The body for the scheduling API (create-shaped; the schema then judges it), and the problems only the form can
 * see: a time that is no time, options whose lines do not line up across languages. A field the form cannot turn
 * into the API's type is left out so that the schema names it too.
 */
export function eventRequest(values: EventFormValues): { body: Record<string, unknown>; problems: LocalProblem[]; slots: number[] } {
  const problems: LocalProblem[] = [];
  const zone = values.timeZone ?? '';
  const validZone = DateTime.local().setZone(zone).isValid;
  const instant = (field: 'startsAt' | 'endsAt' | 'registrationOpensAt' | 'registrationClosesAt', required: boolean) => {
    const typed = values[field];
    if (!typed) {
      if (required) problems.push({ field, key: field });
      return null;
    }
    // With a zone that is no zone, the zone's own error is the one to show: the time is read as UTC only to check it.
    const converted = fromLocal(typed, validZone ? zone : 'UTC');
    if (!converted) problems.push({ field, key: field });
    return converted;
  };
  const questions: EventQuestion[] = [];
  const slots: number[] = [];
  values.questions.forEach((question, index) => {
    const n = index + 1;
    if (!question.kind) return;
    slots.push(n);
    const languages = Object.keys(question.label) as Language[];
    const lines = Object.fromEntries(
      (Object.entries(question.options) as Array<[Language, string]>).map(([language, text]) => [language, text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean)]),
    ) as Partial<Record<Language, string[]>>;
    const counts = new Set(Object.values(lines).map((list) => list!.length));
    if (question.kind === 'choice' && counts.size > 1) problems.push({ field: `q${n}_options_${languages[0] ?? Object.keys(lines)[0]}`, key: 'optionLines' });
    const longest = Math.max(0, ...Object.values(lines).map((list) => list!.length));
    questions.push({
      id: question.id ?? `q${n}`,
      kind: question.kind as EventQuestion['kind'],
      required: question.required,
      label: question.label,
      ...(question.kind === 'choice' && {
        options: Array.from({ length: longest }, (_, i) => ({
          id: `o${i + 1}`,
          label: Object.fromEntries((Object.entries(lines) as Array<[Language, string[]]>).flatMap(([language, list]) => (list[i] ? [[language, list[i]]] : []))),
        })),
      }),
    });
  });
  const capacity = values.capacity && /^\d+$/.test(values.capacity) ? Number(values.capacity) : values.capacity;
  const body: Record<string, unknown> = {
    kind: values.kind,
    title: values.title,
    ...(Object.keys(values.description).length > 0 && { description: values.description }),
    startsAt: instant('startsAt', true) ?? undefined,
    endsAt: instant('endsAt', true) ?? undefined,
    timeZone: zone,
    venue: values.venueName || values.venueAddress || values.venueCity ? { name: values.venueName ?? '', address: values.venueAddress ?? '', city: values.venueCity ?? '' } : null,
    joinUrl: values.joinUrl ?? null,
    organiser: { name: values.organiserName ?? '', email: values.organiserEmail ?? '' },
    capacity,
    registrationOpensAt: instant('registrationOpensAt', false),
    registrationClosesAt: instant('registrationClosesAt', false),
    visibility: values.visibility,
    approvalRequired: values.approvalRequired,
    questions,
  };
  // The schema checks how fields fit together only once each is valid on its own; the form says it all in one round.
  if ((NETWORK_EVENT_KINDS as readonly unknown[]).includes(values.kind)) {
    const together = eventProblems({ ...(body as { venue: null; joinUrl: string | null; questions: EventQuestion[] }), kind: values.kind as NetworkEventKind, startsAt: String(body.startsAt ?? ''), endsAt: String(body.endsAt ?? ''), registrationOpensAt: body.registrationOpensAt as string | null, registrationClosesAt: body.registrationClosesAt as string | null });
    for (const problem of together) problems.push(eventFieldOf([problem.path], [], slots));
  }
  return { body, problems, slots };
}

/**
 * A schema issue's path → the form field it belongs to, and the message key: `title.sv` → title_sv,
 * `venue.name` → venueName, `questions.0.label.sv` → q1_label_sv (the first offered language when the issue is on
 * the whole per-language record). `slots` gives the form's question number of each question in the body, as empty
 * slots are left out of it.
 */
export function eventFieldOf(path: ReadonlyArray<PropertyKey>, languages: readonly Language[], slots: number[] = []): LocalProblem {
  const [head, second, third, fourth] = path.map(String);
  const first = languages[0];
  switch (head) {
    case 'title':
    case 'description':
      return { field: `${head}_${second && languages.includes(second as Language) ? second : first}`, key: head };
    case 'venue':
      return { field: 'venueName', key: 'venue' };
    case 'organiser':
      return second === 'email' ? { field: 'organiserEmail', key: 'organiserEmail' } : { field: 'organiserName', key: 'organiserName' };
    case 'questions': {
      const n = slots[Number(second)] ?? Number(second) + 1;
      if (!Number.isInteger(n)) return { field: 'q1_kind', key: 'questions' };
      if (third === 'options') return { field: `q${n}_options_${first}`, key: 'questionOptions' };
      if (third === 'label') return { field: `q${n}_label_${fourth && languages.includes(fourth as Language) ? fourth : first}`, key: 'questionLabel' };
      return { field: `q${n}_kind`, key: 'questions' };
    }
    default:
      return { field: head ?? 'kind', key: head ?? 'kind' };
  }
}

/** The issues and local problems as one message per field, in the page's language. */
export function eventFieldErrors(problems: LocalProblem[], issues: z.core.$ZodIssue[], languages: readonly Language[], slots: number[], message: (key: string) => string): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of [...problems, ...issues.map((issue) => eventFieldOf(issue.path, languages, slots))]) {
    if (!errors[problem.field]) errors[problem.field] = message(problem.key);
  }
  return errors;
}

/** The "where" and "organiser" sections, as the event and series editors both show them. */
export function placeAndOrganiserFields(t: TFunction, values: EventPlaceValues, errors: FieldErrors): string {
  return html`<h2>${t('editor.whereHeading')}</h2>
${raw(textField({ name: 'venueName', label: t('editor.venueName'), hint: t('editor.venueHint'), maxlength: 200, value: values.venueName, error: errors.venueName }))}
${raw(textField({ name: 'venueAddress', label: t('editor.venueAddress'), maxlength: 300, value: values.venueAddress, error: errors.venueAddress }))}
${raw(textField({ name: 'venueCity', label: t('editor.venueCity'), maxlength: 100, value: values.venueCity, error: errors.venueCity }))}
${raw(textField({ name: 'joinUrl', type: 'url', label: t('editor.joinUrl'), hint: t('editor.joinUrlHint'), value: values.joinUrl, error: errors.joinUrl }))}
<h2>${t('editor.organiserHeading')}</h2>
${raw(textField({ name: 'organiserName', label: t('editor.organiserName'), required: true, maxlength: 200, value: values.organiserName, error: errors.organiserName }))}
${raw(textField({ name: 'organiserEmail', type: 'email', label: t('editor.organiserEmail'), required: true, value: values.organiserEmail, error: errors.organiserEmail }))}`;
}
