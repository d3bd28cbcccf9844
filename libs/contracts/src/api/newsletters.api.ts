import { z } from 'zod';
import { emailAddressSchema } from '../email-address';
import { Language, languageSchema } from '../languages';

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

/** A wall-clock time in the network's zone; campaigns turns it into a UTC instant. */
export const scheduleNewsletterSchema = z.object({
  localTime: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a local time like 2026-03-29T09:00'),
});
export type ScheduleNewsletter = z.infer<typeof scheduleNewsletterSchema>;

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
