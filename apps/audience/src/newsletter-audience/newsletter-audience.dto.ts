import { z } from 'zod';
import { newsletterAudienceFilterSchema } from '@hub/contracts';

/**
 * A newsletter's audience: who was confirmed on any of the lists at `confirmedBefore`, narrowed by `filter`. A JSON
 * body rather than a query string, because a filter of many organisations or attribute values outgrows a URL.
 */
export const newsletterAudienceQuerySchema = z.object({
  listIds: z
    .array(z.string().min(1).max(64))
    .min(1, 'name at least one list')
    .max(50)
    .transform((ids) => [...new Set(ids)]),
  confirmedBefore: z.iso.datetime(),
  filter: newsletterAudienceFilterSchema.nullable().default(null),
  /** The send the links are for: leaving through them then counts for it. */
  sendId: z.string().min(1).max(100).optional(),
});

export type NewsletterAudienceQuery = z.infer<typeof newsletterAudienceQuerySchema>;
