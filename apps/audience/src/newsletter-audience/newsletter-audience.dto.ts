import { z } from 'zod';

const listIds = z
  .string()
  .min(1, 'name at least one list')
  .transform((value) => [...new Set(value.split(',').map((id) => id.trim()).filter(Boolean))])
  .pipe(z.array(z.string().min(1)).min(1, 'name at least one list').max(50));

/** A newsletter's audience: who was confirmed on any of the lists at `confirmedBefore`. */
export const newsletterAudienceQuerySchema = z.object({
  listIds,
  confirmedBefore: z.iso.datetime(),
});

export type NewsletterAudienceQuery = z.infer<typeof newsletterAudienceQuerySchema>;
