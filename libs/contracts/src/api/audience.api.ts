import { z } from 'zod';
import { emailAddressSchema } from '../email-address';
import { languageSchema } from '../languages';

/** Bodies of audience's internal API, validated by the gateway before it calls and by audience when it answers. */

export const subscribeRequestSchema = z.object({
  email: emailAddressSchema,
  name: z.string().trim().max(200, 'must be at most 200 characters').optional(),
  language: languageSchema,
  listIds: z.array(z.string().min(1).max(64)).min(1, 'choose at least one list').max(20),
});
export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;

/** Always the same, whether the address was new, pending, confirmed or suppressed: the answer reveals nothing. */
export interface SubscribeResponse {
  status: 'accepted';
}

export const confirmSubscriptionRequestSchema = z.object({ token: z.string().min(1).max(2_000) });
export type ConfirmSubscriptionRequest = z.infer<typeof confirmSubscriptionRequestSchema>;

export interface ConfirmSubscriptionResponse {
  outcome: 'confirmed' | 'already-confirmed';
  networkId: string;
  language: z.infer<typeof languageSchema>;
  listNames: string[];
}

export interface PublicMailingList {
  id: string;
  names: Partial<Record<z.infer<typeof languageSchema>, string>>;
}
