import { z } from 'zod';
import { languageSchema, subscribeRequestSchema } from '@hub/contracts';
import { FORM_STAMP_FIELD, HONEYPOT_FIELD } from './sign-up-bot-trap';

/** The public subscribe body: like audience's, but the language may be left to the network's default. */
export const publicSubscribeSchema = subscribeRequestSchema.extend({
  language: languageSchema.optional(),
  /** The honeypot (see SignUpBotTrap): an embedding form sends it hidden, people leave it empty. Any value is taken, so a bot learns nothing from a 400. */
  [HONEYPOT_FIELD]: z.unknown().optional(),
});
export type PublicSubscribe = z.infer<typeof publicSubscribeSchema>;

/** An HTML form sends one listIds value as a string and several as an array. */
export const subscribeFormSchema = publicSubscribeSchema.extend({
  listIds: z.preprocess((value) => (typeof value === 'string' ? [value] : value), publicSubscribeSchema.shape.listIds),
  name: z.string().trim().max(200).optional().transform((value) => value || undefined),
  [FORM_STAMP_FIELD]: z.unknown().optional(),
});
