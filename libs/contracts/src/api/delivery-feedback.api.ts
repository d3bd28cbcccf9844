import { z } from 'zod';
import { emailAddressSchema } from '../email-address';

/**
 * A bounce or complaint reported by HTTP (a relay or an email provider that tells by webhook instead of DSN): the
 * body of `POST /api/v1/webhooks/delivery-feedback`, which the gateway checks and forwards to delivery unchanged.
 * The message is named by its Message-ID or by the token of its return path (`bounces+<token>@…`).
 */
export const deliveryFeedbackSchema = z
  .object({
    type: z.enum(['bounce', 'complaint']),
    messageId: z.string().trim().min(3).max(998).optional(),
    deliveryToken: z.string().trim().regex(/^[a-z2-7]{1,56}$/i, 'must be the token of a return path (bounces+<token>@…)').optional(),
    recipient: emailAddressSchema,
    /** RFC 3463 enhanced status code. */
    status: z.string().regex(/^[245]\.\d{1,3}\.\d{1,3}$/, 'must be an enhanced status code such as 5.1.1').optional(),
    diagnostic: z.string().max(1_000).default(''),
    /** For a bounce: whether the address is bad for good. Without it, the status decides (5.x.x but 5.7.x and 5.2.2). */
    hard: z.boolean().optional(),
    /** For a complaint: the ARF feedback type (abuse, fraud, virus, other, not-spam). */
    feedbackType: z.string().trim().toLowerCase().regex(/^[a-z-]{1,40}$/, 'must be an ARF feedback type such as abuse').default('abuse'),
    occurredAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time' }),
  })
  .superRefine((body, ctx) => {
    if (!body.messageId && !body.deliveryToken) ctx.addIssue({ code: 'custom', path: ['messageId'], message: 'give messageId or deliveryToken' });
    if (body.type === 'bounce' && body.hard === undefined && !body.status) ctx.addIssue({ code: 'custom', path: ['hard'], message: 'a bounce needs hard or status' });
  });

export type DeliveryFeedbackReport = z.infer<typeof deliveryFeedbackSchema>;

export interface DeliveryFeedbackResult {
  outcome: 'recorded' | 'duplicate';
}
