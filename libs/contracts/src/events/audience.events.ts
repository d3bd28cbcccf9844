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
  /**
   * Signed tokens for the links every later email carries: the preferences page, and the RFC 8058 one-click
   * unsubscribe of each confirmed list (`POST /unsubscribe/one-click?token=…` on the gateway).
   */
  preferencesToken: z.string().min(1).optional(),
  unsubscribeTokens: z.array(z.object({ listId: z.string().min(1), token: z.string().min(1) })).optional(),
});

export type SubscriptionRequestedPayload = z.infer<typeof subscriptionRequestedPayload>;
export type SubscriptionConfirmedPayload = z.infer<typeof subscriptionConfirmedPayload>;

/** How a person's consent was given or withdrawn; kept in the consent log and carried by the events. */
export const consentMethodSchema = z.enum(['form', 'api', 'import', 'coordinator', 'preferences', 'one-click']);
export type ConsentMethod = z.infer<typeof consentMethodSchema>;

export const subscriptionUnsubscribedPayload = z.object({
  contactId: z.string().min(1),
  email: z.email(),
  listIds: z.array(z.string().min(1)).min(1),
  /** True when the person left everything (and the address is now suppressed). */
  all: z.boolean(),
  method: consentMethodSchema,
  /** The newsletter send whose unsubscribe or preferences link the person used, when they came through one. */
  sendId: z.string().min(1).optional(),
});

export const suppressionReasonSchema = z.enum(['unsubscribed', 'hard-bounce', 'complaint', 'blocked']);
export type SuppressionReason = z.infer<typeof suppressionReasonSchema>;

/**
 * Delivery keeps its read model of suppressed addresses from these. `emailHash` (HMAC-SHA256 of network and
 * address, audience's pepper) is what stays after an erasure.
 */
export const suppressionAddedPayload = z.object({
  email: z.email(),
  emailHash: z.string().min(1),
  reason: suppressionReasonSchema,
});

export const suppressionRemovedPayload = z.object({
  email: z.email(),
  emailHash: z.string().min(1),
});

/**
 * Every service deletes what it holds about this address. The address itself travels so that the others can find
 * their rows; audience keeps only `emailHash`, to prove the opt-out.
 */
export const contactErasedPayload = z.object({
  contactId: z.string().min(1).nullable(),
  email: z.email(),
  emailHash: z.string().min(1),
});

export type SubscriptionUnsubscribedPayload = z.infer<typeof subscriptionUnsubscribedPayload>;
export type SuppressionAddedPayload = z.infer<typeof suppressionAddedPayload>;
export type SuppressionRemovedPayload = z.infer<typeof suppressionRemovedPayload>;
export type ContactErasedPayload = z.infer<typeof contactErasedPayload>;
