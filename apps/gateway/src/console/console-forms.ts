import type { z } from 'zod';
import type { FieldErrors } from '../pages/page-components';

/** A form or query value as typed, trimmed; an empty field is absent, as the API's optional fields expect. */
export function formText(value: unknown): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined;
}

/** Checkboxes sharing a name arrive as nothing, one string or several. */
export function formList(value: unknown): string[] {
  return [value ?? []].flat().filter((item): item is string => typeof item === 'string' && item !== '');
}

/**
 * A schema's issues as one message per form field, in the page's language. The field is the issue path's last name
 * (`branding.accentColor` → `accentColor`, `listIds.2` → `listIds`): form field ids are unique on their page.
 */
export function fieldErrors(error: z.ZodError, message: (field: string) => string): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.filter((part): part is string => typeof part === 'string').at(-1) ?? '';
    if (field && !errors[field]) errors[field] = message(field);
  }
  return errors;
}
