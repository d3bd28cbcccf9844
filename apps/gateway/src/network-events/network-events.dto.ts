import { z } from 'zod';
import { languageSchema, registerRequestSchema } from '@hub/contracts';

/** The public registration body: like scheduling's, but the language may be left to the network's default. */
export const publicRegisterSchema = registerRequestSchema.extend({ language: languageSchema.optional() });
export type PublicRegister = z.infer<typeof publicRegisterSchema>;
