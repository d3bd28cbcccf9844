import { z } from 'zod';
import { newsletterAudienceFilterSchema } from '@hub/contracts';

const listIds = z
  .array(z.string().min(1).max(64))
  .min(1, 'name at least one list')
  .max(50)
  .transform((ids) => [...new Set(ids)]);

/**
 * A newsletter's audience: who was confirmed on any of the lists at `confirmedBefore`, narrowed by `filter`. A JSON
 * body rather than a query string, because a filter of many organisations or attribute values outgrows a URL.
 */
export const newsletterAudienceQuerySchema = z.object({
  listIds,
  confirmedBefore: z.iso.datetime(),
  filter: newsletterAudienceFilterSchema.nullable().default(null),
  /** The send the links are for: leaving through them then counts for it. */
  sendId: z.string().min(1).max(100).optional(),
});

export type NewsletterAudienceQuery = z.infer<typeof newsletterAudienceQuerySchema>;

/** The console's "how many would get it": the lists and filter of a send that would start now. */
export const newsletterAudienceCountQuerySchema = z.object({
  listIds,
  filter: newsletterAudienceFilterSchema.nullable().default(null),
});

export type NewsletterAudienceCountQuery = z.infer<typeof newsletterAudienceCountQuerySchema>;
