import { z } from 'zod';
import { preferencesUpdateSchema, unsubscribeRequestSchema } from '@hub/contracts';

/** An HTML form sends no listIds when every box is unticked, one as a string and several as an array. */
export const preferencesFormSchema = preferencesUpdateSchema.extend({
  listIds: z.preprocess((value) => (value === undefined ? [] : typeof value === 'string' ? [value] : value), preferencesUpdateSchema.shape.listIds),
  name: z.string().trim().max(200).optional(),
  language: z.preprocess((value) => value || undefined, preferencesUpdateSchema.shape.language),
});

export const unsubscribeFormSchema = unsubscribeRequestSchema.extend({
  listId: z.preprocess((value) => value || undefined, unsubscribeRequestSchema.shape.listId),
});

export const preferencesViewRequestSchema = z.object({ token: z.string().min(1, 'is required').max(2_000) });
export type PreferencesViewRequest = z.infer<typeof preferencesViewRequestSchema>;

/** RFC 8058 §3.1: the one-click POST carries exactly this key and value. */
export const ONE_CLICK_KEY = 'List-Unsubscribe';
export const ONE_CLICK_VALUE = 'One-Click';
