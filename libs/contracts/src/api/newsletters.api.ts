import { z } from 'zod';
import { emailAddressSchema } from '../email-address';
import { Language, languageSchema } from '../languages';
import { audienceFilterSchema } from './audience-admin.api';

/** Bodies of campaigns' internal API, validated by the gateway before it calls and by campaigns when it answers. */

export const newsletterIssueSchema = z.object({
  subject: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  preheader: z.string().trim().max(300, 'must be at most 300 characters').default(''),
  markdown: z.string().min(1, 'must not be empty').max(200_000, 'must be at most 200 000 characters'),
});
export type NewsletterIssue = z.infer<typeof newsletterIssueSchema>;

const issues = z
  .partialRecord(languageSchema, newsletterIssueSchema)
  .refine((value) => Object.keys(value).length > 0, 'write the newsletter in at least one language');

export const createNewsletterSchema = z.object({
  listIds: z.array(z.string().min(1).max(64)).min(1, 'choose at least one list').max(20),
  issues,
});
export type CreateNewsletter = z.infer<typeof createNewsletterSchema>;

export const updateNewsletterSchema = createNewsletterSchema.partial();
export type UpdateNewsletter = z.infer<typeof updateNewsletterSchema>;

/**
 * Narrows a send's audience (the confirmed, unsuppressed subscribers of the newsletter's lists) by the contacts'
 * profile, as AudienceFilter's conditions do: every condition given must hold, a condition's values are
 * alternatives. Unknown keys are refused, so a misspelt condition cannot silently widen the audience.
 */
export const newsletterAudienceFilterSchema = audienceFilterSchema.omit({ listIds: true }).strict();
export type NewsletterAudienceFilter = z.infer<typeof newsletterAudienceFilterSchema>;

/** Given with send or schedule: a filter replaces the newsletter's, null removes it, absent keeps it. */
const audienceFilterChoice = newsletterAudienceFilterSchema.nullable().optional();

/** A wall-clock time in the network's zone; campaigns turns it into a UTC instant. */
export const scheduleNewsletterSchema = z.object({
  localTime: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a local time like 2026-03-29T09:00'),
  audienceFilter: audienceFilterChoice,
});
export type ScheduleNewsletter = z.infer<typeof scheduleNewsletterSchema>;

/** The body of "send now" (and of confirming an overdue scheduled send); may be empty. */
export const sendNewsletterSchema = z.object({ audienceFilter: audienceFilterChoice }).default({});
export type SendNewsletter = z.infer<typeof sendNewsletterSchema>;

export const testSendSchema = z.object({
  addresses: z.array(emailAddressSchema).min(1, 'give at least one address').max(10, 'at most 10 addresses'),
  language: languageSchema.optional(),
});
export type TestSend = z.infer<typeof testSendSchema>;

export const NEWSLETTER_STATES = ['draft', 'scheduled', 'needs-confirmation', 'sending', 'paused', 'completed', 'cancelled'] as const;
export type NewsletterState = (typeof NEWSLETTER_STATES)[number];

export interface NewsletterView {
  id: string;
  listIds: string[];
  issues: Partial<Record<Language, NewsletterIssue>>;
  state: NewsletterState;
  /** UTC instant, and the same instant as a wall-clock time in the network's zone. */
  sendAt: string | null;
  sendAtLocal: string | null;
  timeZone: string | null;
  sendId: string | null;
  startedAt: string | null;
  completedAt: string | null;
  recipients: number | null;
  /** The narrowing of the lists' audience; the one the send took once it started. */
  audienceFilter: NewsletterAudienceFilter | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewsletterProgress {
  state: NewsletterState;
  /** Recipients in the snapshot so far; final once `snapshotComplete`. */
  recipients: number;
  snapshotComplete: boolean;
  sent: number;
  failed: number;
  unknown: number;
  skipped: number;
  remaining: number;
  /** Messages accounted for per second, over the last samples. */
  ratePerSecond: number;
  etaSeconds: number | null;
}

export interface NewsletterStatistics {
  recipients: number;
  delivered: number;
  failed: number;
  skipped: number;
  unknown: number;
  bounced: number;
  complained: number;
  /** Recipients who left through this send's own unsubscribe or preferences links, each counted once. */
  unsubscribed: number;
  audienceFilter: NewsletterAudienceFilter | null;
}

export interface PreviewView {
  language: Language;
  subject: string;
  html: string;
  text: string;
}

/** A sent newsletter of public lists, as the public archive shows it. */
export interface ArchivedNewsletterView {
  id: string;
  language: Language;
  subject: string;
  preheader: string;
  sentAt: string;
}

/** One archived issue with its rendered HTML, the personal links pointing at the network's public page. */
export interface ArchivedNewsletterIssue extends ArchivedNewsletterView {
  html: string;
}

/** One person a newsletter goes to, with the signed links audience made for them; one NDJSON line of the audience stream. */
export interface NewsletterAudienceRecipient {
  contactId: string;
  email: string;
  language: Language;
  /** The requested lists this person is confirmed on. */
  listIds: string[];
  preferencesToken: string;
  unsubscribeToken: string;
}
