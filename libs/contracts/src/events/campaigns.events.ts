import { z } from 'zod';

/** Common to every newsletter lifecycle event: which send of which newsletter, and where it stands. */
const newsletterSendRef = {
  newsletterId: z.string().min(1),
  sendId: z.string().min(1),
  listIds: z.array(z.string().min(1)).min(1),
};

export const newsletterScheduledPayload = z.object({ ...newsletterSendRef, sendAt: z.iso.datetime() });
export const newsletterStartedPayload = z.object({ ...newsletterSendRef, recipients: z.number().int().nonnegative() });
export const newsletterPausedPayload = z.object({ ...newsletterSendRef, queued: z.number().int().nonnegative() });
export const newsletterResumedPayload = z.object({ ...newsletterSendRef });
export const newsletterCompletedPayload = z.object({
  ...newsletterSendRef,
  recipients: z.number().int().nonnegative(),
  sent: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  unknown: z.number().int().nonnegative(),
});
export const newsletterCancelledPayload = z.object({ ...newsletterSendRef, queued: z.number().int().nonnegative() });

export type NewsletterScheduledPayload = z.infer<typeof newsletterScheduledPayload>;
export type NewsletterStartedPayload = z.infer<typeof newsletterStartedPayload>;
export type NewsletterPausedPayload = z.infer<typeof newsletterPausedPayload>;
export type NewsletterResumedPayload = z.infer<typeof newsletterResumedPayload>;
export type NewsletterCompletedPayload = z.infer<typeof newsletterCompletedPayload>;
export type NewsletterCancelledPayload = z.infer<typeof newsletterCancelledPayload>;
