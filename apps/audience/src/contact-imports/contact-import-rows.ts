import { z } from 'zod';
import {
  attributeValueSchema,
  type ContactImportReasonCode,
  type ContactImportRejection,
  contactRoleSchema,
  emailAddressSchema,
  type Language,
  languageSchema,
  organisationIdSchema,
} from '@hub/contracts';
import type { ContactImport } from './contact-import.schema';

export type ImportReason = ContactImportRejection['reasons'][number];

/** A row that passed: what the import writes for it. */
export interface ValidRow {
  line: number;
  email: string;
  name: string | null;
  language: Language;
  organisationId: string | null;
  role: string | null;
  attributes: Record<string, string>;
}

/** A reason about a cell, its message worded as before the codes: the column's heading, then what is wrong. */
function cellReason(code: ContactImportReasonCode, column: string, problem: string): ImportReason {
  return { code, column, message: `${column}: ${problem}` };
}

/** One data row (cells keyed by heading) checked against the import's mapping: the row to write, or every reason it cannot be. */
export function validateRow(job: Pick<ContactImport, 'columns' | 'defaultLanguage'>, record: Record<string, string>, line: number): ValidRow | { problems: ImportReason[] } {
  const problems: ImportReason[] = [];
  const email = emailAddressSchema.safeParse(record[job.columns.email] ?? '');
  if (!email.success) problems.push(cellReason('email-invalid', job.columns.email, 'must be an email address'));
  const rawLanguage = record[job.columns.language];
  const language = rawLanguage ? languageSchema.safeParse(rawLanguage.toLowerCase()) : { success: true as const, data: job.defaultLanguage };
  if (!language.success) problems.push(cellReason('language-invalid', job.columns.language, 'must be one of nb, nn, sv, da, fi, en'));
  const name = record[job.columns.name] ?? '';
  if (name.length > 200) problems.push(cellReason('name-too-long', job.columns.name, 'must be at most 200 characters'));
  // Imports created before contacts had a profile have no such columns in their mapping.
  const organisationId = optionalCell(record, job.columns.organisationId ?? 'organisationId', organisationIdSchema, 'organisation-invalid', problems);
  // Cells are trimmed and empty ones skipped, so length is all a role or attribute value can fail on.
  const role = optionalCell(record, job.columns.role ?? 'role', contactRoleSchema, 'role-too-long', problems);
  const attributes: Record<string, string> = {};
  for (const [key, column] of Object.entries(job.columns.attributes ?? {})) {
    const value = optionalCell(record, column, attributeValueSchema, 'attribute-too-long', problems);
    if (value !== null) attributes[key] = value;
  }
  if (problems.length > 0 || !email.success || !language.success) return { problems };
  return { line, email: email.data, name: name || null, language: language.data, organisationId, role, attributes };
}

/** The cell's value, null when empty; a reason naming the column when it does not pass the field's schema. */
function optionalCell(record: Record<string, string>, column: string, schema: z.ZodType<string>, code: ContactImportReasonCode, problems: ImportReason[]): string | null {
  const cell = record[column];
  if (!cell) return null;
  const parsed = schema.safeParse(cell);
  if (parsed.success) return parsed.data;
  problems.push(cellReason(code, column, parsed.error.issues[0].message));
  return null;
}
