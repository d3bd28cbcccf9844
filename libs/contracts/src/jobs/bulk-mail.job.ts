import { z } from 'zod';
import { languageSchema } from '../languages';

/**
 * One newsletter copy for one recipient on the bulk queue. It carries ids and the recipient's personal links, never
 * the body: the worker fetches the rendered issue for (sendId, language) once from campaigns
 * (`GET /internal/newsletter-sends/:sendId/content/:language`, see NewsletterContent) and keeps it in memory.
 * The job id is `newsletter-<sendId>-<contactId>`, so a re-run of the fan-out adds nothing twice.
 */
export const bulkMailJobSchema = z.object({
  kind: z.literal('newsletter'),
  /** The send id: with the recipient it is the delivery log's claim key. */
  source: z.string().min(1),
  networkId: z.string().min(1),
  correlationId: z.string().min(1),
  newsletterId: z.string().min(1),
  contactId: z.string().min(1),
  recipient: z.email(),
  language: languageSchema,
  /** Signed by audience: the preferences page, and the RFC 8058 one-click unsubscribe of the list(s) it came through. */
  preferencesToken: z.string().min(1),
  unsubscribeToken: z.string().min(1),
});

export type BulkMailJob = z.infer<typeof bulkMailJobSchema>;

/** Placeholders in a rendered issue that the worker replaces per recipient. */
export const NEWSLETTER_PLACEHOLDERS = {
  unsubscribeUrl: '%%UNSUBSCRIBE_URL%%',
  preferencesUrl: '%%PREFERENCES_URL%%',
} as const;

/** A newsletter issue rendered once per language by campaigns: what the bulk worker sends. */
export const newsletterContentSchema = z.object({
  sendId: z.string().min(1),
  language: languageSchema,
  subject: z.string().min(1),
  html: z.string().min(1),
  text: z.string().min(1),
  /**
   * The worker claims and sends only while `sending`. A job of a paused or cancelled send completes without a claim,
   * so a resume simply fans the snapshot out again: the delivery log's claims keep everyone already sent from a
   * second copy. The worker may cache this for at most a second or so, so a pause takes effect at once.
   */
  state: z.enum(['sending', 'paused', 'cancelled', 'completed']),
});

export type NewsletterContent = z.infer<typeof newsletterContentSchema>;

/**
 * Per-source counters kept by delivery (Redis hash, one increment per recorded outcome) and served at
 * `GET /internal/sources/:source/summary`: how far a newsletter send has got, without scanning the delivery log.
 */
export const deliverySummarySchema = z.object({
  source: z.string().min(1),
  sent: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  deferred: z.number().int().nonnegative(),
  unknown: z.number().int().nonnegative(),
  /** Jobs dropped without sending: suppressed recipient, paused or cancelled send, already claimed. */
  skipped: z.number().int().nonnegative(),
  bounced: z.number().int().nonnegative(),
  complained: z.number().int().nonnegative(),
});

export type DeliverySummary = z.infer<typeof deliverySummarySchema>;

/**
 * Options of every job on the bulk queue. BullMQ's default job options belong to one Queue object, and campaigns adds
 * these jobs through its own, so they travel with each job: retries with backoff for 4xx and dropped connections, and
 * removal on completion, so a resumed send can add the same job ids again (the delivery log's claims, not the job
 * ids, keep those already sent from a second copy).
 */
export const BULK_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;
