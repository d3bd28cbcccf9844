import { newsletterAudienceFilterSchema, type NewsletterAudienceFilter } from '@hub/contracts';
import { formList } from './console-forms';

/** The filter's fields; each is also the id of its field on the page, so an error links to it. */
export const AUDIENCE_FILTER_FIELDS = ['organisationIds', 'roles', 'languages', 'attributes'] as const;
export type AudienceFilterField = (typeof AUDIENCE_FILTER_FIELDS)[number];

/**
 * The send form's filter as typed: checked organisations and languages, and roles and `key=value` attributes one a
 * line, so a page without script can take any number of them and a refused form gives back exactly what was typed.
 */
export interface AudienceFilterFormValues {
  organisationIds: string[];
  roles: string;
  languages: string[];
  attributes: string;
}

/**
 * Marks a form that carries the filter's fields. Without it (the plain "send now" button of an overdue send on the
 * progress page) the newsletter's filter is kept; with it and every field empty, the filter is removed.
 */
export const AUDIENCE_FILTER_MARKER = 'audienceFilterGiven';

/** What the form posted; undefined when it had no filter fields at all. */
export function readAudienceFilterForm(form: Record<string, unknown>): AudienceFilterFormValues | undefined {
  if (form[AUDIENCE_FILTER_MARKER] === undefined) return undefined;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return { organisationIds: formList(form.organisationIds), roles: text(form.roles), languages: formList(form.languages), attributes: text(form.attributes) };
}

/** A stored filter as the form shows it. */
export function audienceFilterFormValues(filter: NewsletterAudienceFilter | null): AudienceFilterFormValues {
  return {
    organisationIds: filter?.organisationIds ?? [],
    roles: (filter?.roles ?? []).join('\n'),
    languages: filter?.languages ?? [],
    attributes: Object.entries(filter?.attributes ?? {})
      .flatMap(([key, values]) => values.map((value) => `${key}=${value}`))
      .join('\n'),
  };
}

export type AudienceFilterParse = { filter: NewsletterAudienceFilter | null; invalid?: never } | { filter?: never; invalid: AudienceFilterField[] };

/**
 * The filter the API takes (null when nothing narrows), or the fields it refuses. Checked with the API's own schema,
 * so the console refuses exactly what api/v1 would; an attribute line without `=` is refused here, never dropped,
 * since a condition lost on the way would widen the audience.
 */
export function parseAudienceFilterForm(values: AudienceFilterFormValues): AudienceFilterParse {
  const lines = (text: string) => text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const invalid = new Set<AudienceFilterField>();
  const attributes: Record<string, string[]> = {};
  for (const line of lines(values.attributes)) {
    const at = line.indexOf('=');
    if (at <= 0) {
      invalid.add('attributes');
      continue;
    }
    const key = line.slice(0, at).trim();
    const value = line.slice(at + 1).trim();
    if (!(attributes[key] ??= []).includes(value)) attributes[key].push(value);
  }
  const candidate: Record<string, unknown> = {};
  if (values.organisationIds.length) candidate.organisationIds = [...new Set(values.organisationIds)];
  const roles = [...new Set(lines(values.roles))];
  if (roles.length) candidate.roles = roles;
  if (values.languages.length) candidate.languages = [...new Set(values.languages)];
  if (Object.keys(attributes).length) candidate.attributes = attributes;
  const parsed = newsletterAudienceFilterSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = AUDIENCE_FILTER_FIELDS.find((name) => name === issue.path[0]);
      if (field) invalid.add(field);
    }
  }
  // Every key of the candidate is a field, so a refused candidate always names one.
  if (invalid.size > 0 || !parsed.success) return { invalid: AUDIENCE_FILTER_FIELDS.filter((field) => invalid.has(field)) };
  return { filter: Object.keys(parsed.data).length ? parsed.data : null };
}
