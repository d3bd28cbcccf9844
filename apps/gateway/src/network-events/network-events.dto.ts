import { z } from 'zod';
import { coordinatorRegistrationSchema, languageSchema, registerRequestSchema } from '@hub/contracts';

/** The public registration body: like scheduling's, but the language may be left to the network's default. */
export const publicRegisterSchema = registerRequestSchema.omit({ membership: true }).extend({
  language: languageSchema.optional(),
  /** The person's organisation, from the network's members: required for a members-only event. */
  organisationId: z.string().trim().min(1).max(100).optional(),
});
export type PublicRegister = z.infer<typeof publicRegisterSchema>;

/** A coordinator adding someone; the language may be left to the network's default. */
export const addRegistrationSchema = coordinatorRegistrationSchema.omit({ membership: true }).extend({ language: languageSchema.optional() });
export type AddRegistration = z.infer<typeof addRegistrationSchema>;
