import { z } from 'zod';
import { emailAddressSchema } from '../email-address';
import { consentMethodSchema, SuppressionReason } from '../events/audience.events';
import { Language, languageSchema } from '../languages';
import { subscribeRequestSchema } from './audience.api';

/**
 * Bodies of audience's internal API for preferences, coordinators and GDPR; the gateway validates with the same
 * schemas before it calls, and audience again when it answers.
 */

const id = z.string().min(1, 'is required').max(64, 'must be at most 64 characters');
/** List ids become field names in the contact document and in queries, so they keep to a safe alphabet. */
const listId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a list id');
const token = z.string().min(1, 'is required').max(2_000);
const personName = z.string().trim().max(200, 'must be at most 200 characters');

/** Where an opt-in or opt-out came from, for the consent log. The gateway fills it; people never send it. */
export const consentSourceSchema = z.object({
  method: consentMethodSchema,
  /** Versioned id of the wording the person saw, e.g. `subscribe-form/v1`. */
  wordingId: z.string().min(1).max(100),
  /** The client's IP; audience stores only its peppered hash. */
  ip: z.string().max(100).nullable(),
});
export type ConsentSource = z.infer<typeof consentSourceSchema>;

export const internalSubscribeRequestSchema = subscribeRequestSchema.extend({ source: consentSourceSchema.optional() });
export type InternalSubscribeRequest = z.infer<typeof internalSubscribeRequestSchema>;

export const internalConfirmRequestSchema = z.object({ token, source: consentSourceSchema.optional() });
export type InternalConfirmRequest = z.infer<typeof internalConfirmRequestSchema>;

// Preferences (signed link) and one-click unsubscribe

export const preferencesUpdateSchema = z.object({
  token,
  name: personName.optional(),
  language: languageSchema.optional(),
  /** The lists the person wants to be on from now on; the others are left. */
  listIds: z.array(listId).max(50),
});
export type PreferencesUpdate = z.infer<typeof preferencesUpdateSchema>;

export const unsubscribeRequestSchema = z.object({
  token,
  /** Leave only this list; without it, leave everything (and the address is suppressed). */
  listId: listId.optional(),
});
export type UnsubscribeRequest = z.infer<typeof unsubscribeRequestSchema>;

export const internalPreferencesUpdateSchema = preferencesUpdateSchema.extend({ source: consentSourceSchema.optional() });
export const internalUnsubscribeRequestSchema = unsubscribeRequestSchema.extend({ source: consentSourceSchema.optional() });
export type InternalPreferencesUpdate = z.infer<typeof internalPreferencesUpdateSchema>;
export type InternalUnsubscribeRequest = z.infer<typeof internalUnsubscribeRequestSchema>;

export type SubscriptionState = 'pending' | 'confirmed' | 'unsubscribed';

export interface PreferencesView {
  networkId: string;
  email: string;
  name: string | null;
  language: Language;
  /** The network's public lists and every list the contact is on, with the contact's state on each. */
  lists: Array<{ id: string; names: Partial<Record<Language, string>>; status: SubscriptionState | null }>;
  suppressed: boolean;
}

export interface UnsubscribeResponse {
  outcome: 'unsubscribed';
  language: Language | null;
}

// Mailing lists (coordinators)

const localized = z
  .partialRecord(languageSchema, z.string().trim().min(1, 'must not be empty').max(2_000, 'must be at most 2000 characters'))
  .refine((value) => Object.keys(value).length > 0, 'give at least one language');

export const createMailingListSchema = z.object({
  names: localized,
  descriptions: localized.optional(),
  isPublic: z.boolean().default(false),
  /** Single opt-in applies only to coordinator entries and imports that state a consent basis. */
  optInMode: z.enum(['double', 'single']).default('double'),
  defaultLanguage: languageSchema,
});
export type CreateMailingList = z.infer<typeof createMailingListSchema>;

export const updateMailingListSchema = z
  .object({
    names: localized,
    descriptions: localized,
    isPublic: z.boolean(),
    optInMode: z.enum(['double', 'single']),
    defaultLanguage: languageSchema,
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'change at least one field');
export type UpdateMailingList = z.infer<typeof updateMailingListSchema>;

export interface MailingListView {
  id: string;
  names: Partial<Record<Language, string>>;
  descriptions: Partial<Record<Language, string>>;
  isPublic: boolean;
  optInMode: 'double' | 'single';
  defaultLanguage: Language;
  archived: boolean;
}

// Contacts (coordinators)

/** The id of one of the gateway's organisations (municipality, county, region); audience does not check it exists. */
export const organisationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an organisation id');
/** What the person does, e.g. "climate adviser"; matched case-insensitively. */
export const contactRoleSchema = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
export const CONTACT_ATTRIBUTES_MAX = 20;
/** Attribute keys become field names in the contact document and in queries, so they keep to a safe alphabet. */
export const attributeKeySchema = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'must be a lower-case key of at most 40 letters, digits, - or _');
export const attributeValueSchema = z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters');
/** Free attributes of a contact: at most 20 keys, each value a string. */
export const contactAttributesSchema = z
  .record(attributeKeySchema, attributeValueSchema)
  .refine((value) => Object.keys(value).length <= CONTACT_ATTRIBUTES_MAX, `at most ${CONTACT_ATTRIBUTES_MAX} attributes`);
export type ContactAttributes = z.infer<typeof contactAttributesSchema>;

/** `key:value` in a query string, e.g. `attribute=region:innlandet`. */
const attributeCondition = z
  .string()
  .max(600)
  .refine((value) => {
    const at = value.indexOf(':');
    return at > 0 && attributeKeySchema.safeParse(value.slice(0, at)).success && attributeValueSchema.safeParse(value.slice(at + 1)).success;
  }, 'must be key:value, e.g. region:innlandet');

/**
 * Which contacts a campaign (or any later consumer) is for, as JSON. Every condition given must hold; a condition's
 * values are alternatives. Roles match case-insensitively and whole ("climate adviser" does not match "adviser");
 * attribute values match exactly. Only contacts confirmed on one of `listIds` and not suppressed receive mail; the
 * filter narrows that audience, it never widens it.
 */
export const audienceFilterSchema = z.object({
  listIds: z.array(listId).min(1, 'choose at least one list').max(20),
  languages: z.array(languageSchema).min(1).optional(),
  organisationIds: z.array(organisationIdSchema).min(1).max(500).optional(),
  roles: z.array(contactRoleSchema).min(1).max(50).optional(),
  attributes: z.record(attributeKeySchema, z.array(attributeValueSchema).min(1).max(50)).optional(),
});
export type AudienceFilter = z.infer<typeof audienceFilterSchema>;

/** The contact list's filter, in a query string; its profile conditions mean what the same ones of AudienceFilter do. */
export const contactFilterSchema = z
  .object({
    listId: listId.optional(),
    status: z.enum(['pending', 'confirmed', 'unsubscribed']).optional(),
    language: languageSchema.optional(),
    organisationId: organisationIdSchema.optional(),
    role: contactRoleSchema.optional(),
    /** One or more (repeat the parameter); all must hold. */
    attribute: z
      .union([attributeCondition, z.array(attributeCondition).max(10)])
      .transform((value) => [value].flat())
      .optional(),
    q: z.string().trim().min(1).max(200).optional(),
    cursor: id.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((filter) => !filter.status || filter.listId, { path: ['status'], message: 'needs listId: a status is per list' });
export type ContactFilter = z.infer<typeof contactFilterSchema>;

export const createContactSchema = z.object({
  email: emailAddressSchema,
  name: personName.optional(),
  language: languageSchema,
  listIds: z.array(listId).max(20).default([]),
  /**
   * Why the network may write to this person without a double opt-in (e.g. "signed up on paper at the 2026
   * gathering"). Without it the person gets a confirmation email and stays pending until they confirm.
   */
  consentBasis: z.string().trim().min(3, 'must be at least 3 characters').max(500).optional(),
  organisationId: organisationIdSchema.optional(),
  role: contactRoleSchema.optional(),
  attributes: contactAttributesSchema.optional(),
});
export type CreateContact = z.infer<typeof createContactSchema>;

export const updateContactSchema = z
  .object({
    name: personName.nullable(),
    language: languageSchema,
    organisationId: organisationIdSchema.nullable(),
    role: contactRoleSchema.nullable(),
    /** Merged into the contact's attributes: a string sets the key, null removes it. */
    attributes: z.record(attributeKeySchema, attributeValueSchema.nullable()),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'change at least one field');
export type UpdateContact = z.infer<typeof updateContactSchema>;

export interface ContactView {
  id: string;
  email: string;
  name: string | null;
  language: Language;
  organisationId: string | null;
  role: string | null;
  attributes: ContactAttributes;
  subscriptions: Array<{ listId: string; status: SubscriptionState; requestedAt: string | null; confirmedAt: string | null; unsubscribedAt: string | null }>;
  suppression: SuppressionReason | null;
}

export interface ContactPage {
  items: ContactView[];
  /** How many contacts match the filter, over all pages. */
  total: number;
  nextCursor: string | null;
}

export interface ConsentEntryView {
  at: string;
  action: 'opt-in-requested' | 'opt-in' | 'opt-out';
  listIds: string[];
  method: z.infer<typeof consentMethodSchema>;
  wordingId: string;
  ipHash: string | null;
  basis: string | null;
}

/** GDPR access: everything audience holds about the address. */
export interface ContactExport {
  exportedAt: string;
  contact: ContactView & { createdAt: string; updatedAt: string };
  consentLog: ConsentEntryView[];
}

// CSV import (coordinators)

const columnName = z.string().trim().min(1, 'must not be empty').max(100);

/** Commas, or semicolons and tabs as spreadsheets in Nordic locales save "CSV". */
export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];
export const csvDelimiterSchema = z.enum(CSV_DELIMITERS, { message: 'must be ",", ";" or a tab' });

export const createContactImportSchema = z.object({
  listIds: z.array(listId).min(1, 'choose at least one list').max(20),
  /** Required: imported people get no double opt-in on single opt-in lists, so the network must say why it may write. */
  consentBasis: z.string().trim().min(3, 'must be at least 3 characters').max(500),
  /**
   * The file's header names for each field; the defaults are the field names themselves. `attributes` maps attribute
   * keys to columns, e.g. `{"region": "Fylke"}`; an empty cell leaves that attribute out.
   */
  columns: z
    .object({
      email: columnName.default('email'),
      name: columnName.default('name'),
      language: columnName.default('language'),
      organisationId: columnName.default('organisationId'),
      role: columnName.default('role'),
      attributes: z
        .record(attributeKeySchema, columnName)
        .refine((value) => Object.keys(value).length <= CONTACT_ATTRIBUTES_MAX, `at most ${CONTACT_ATTRIBUTES_MAX} attributes`)
        .default({}),
    })
    .default({ email: 'email', name: 'name', language: 'language', organisationId: 'organisationId', role: 'role', attributes: {} }),
  /** For rows with an empty language cell. */
  defaultLanguage: languageSchema,
  /** The file's separator; when absent, the one the heading row uses most outside quotes (a comma if none). */
  delimiter: csvDelimiterSchema.optional(),
});
export type CreateContactImport = z.infer<typeof createContactImportSchema>;

export interface ContactImportView {
  id: string;
  status: 'waiting' | 'running' | 'done' | 'failed';
  listIds: string[];
  consentBasis: string;
  /** The separator asked for, or the heading row's once the file is read; null before. */
  delimiter: CsvDelimiter | null;
  /** Data rows read so far (the header is line 1). */
  rows: number;
  created: number;
  updated: number;
  /** Rows whose address came earlier in the same file; merged into that first row. */
  duplicates: number;
  /** Rows whose address is suppressed; never re-added. */
  suppressed: number;
  rejectedTotal: number;
  /** Line number and problems of each rejected row (the first 10 000). */
  rejected: ContactImportRejection[];
  error: string | null;
}

/**
 * Why a row was rejected, stable for programs (and the console, which words them in the reader's language):
 * `row-unreadable` (quotes or separators out of place), `email-invalid`, `language-invalid`, `name-too-long`,
 * `organisation-invalid`, `role-too-long`, `attribute-too-long`, `attributes-too-many` (the row was imported but the
 * contact would pass the attribute limit, so its attributes were left as they were), `other` (imports from before
 * the codes).
 */
export const CONTACT_IMPORT_REASON_CODES = [
  'row-unreadable',
  'email-invalid',
  'language-invalid',
  'name-too-long',
  'organisation-invalid',
  'role-too-long',
  'attribute-too-long',
  'attributes-too-many',
  'other',
] as const;
export type ContactImportReasonCode = (typeof CONTACT_IMPORT_REASON_CODES)[number];

export interface ContactImportRejection {
  line: number;
  /** The reasons' messages, in English, as before the codes. */
  problems: string[];
  /** `column` is the file's heading the reason is about, null when it is about the row. */
  reasons: Array<{ code: ContactImportReasonCode; column: string | null; message: string }>;
}
