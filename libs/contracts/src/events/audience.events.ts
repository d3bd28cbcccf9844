import { z } from 'zod';
import { languageSchema } from '../languages';

const listRef = z.object({ id: z.string().min(1), name: z.string().min(1) });

export const subscriptionRequestedPayload = z.object({
  contactId: z.string().min(1),
  requestId: z.string().min(1),
  email: z.email(),
  name: z.string().nullable(),
  language: languageSchema,
  lists: z.array(listRef).min(1),
  /** Signed, expiring token for the double opt-in link; only audience can verify it. */
  confirmToken: z.string().min(1),
  confirmBy: z.iso.datetime(),
});

export const subscriptionConfirmedPayload = z.object({
  contactId: z.string().min(1),
  email: z.email(),
  language: languageSchema,
  listIds: z.array(z.string().min(1)).min(1),
});

export type SubscriptionRequestedPayload = z.infer<typeof subscriptionRequestedPayload>;
export type SubscriptionConfirmedPayload = z.infer<typeof subscriptionConfirmedPayload>;
