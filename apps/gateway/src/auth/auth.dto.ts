import { z } from 'zod';
import { emailAddressSchema } from '@hub/contracts';

export const signInSchema = z.object({
  email: emailAddressSchema,
  password: z.string().min(1, 'is required').max(1_000),
  /** The network to work in first; defaults to the first one the account holds a role in. */
  networkId: z.string().min(1).max(64).optional(),
});
export type SignIn = z.infer<typeof signInSchema>;

export const switchNetworkSchema = z.object({ networkId: z.string().min(1).max(64) });
export type SwitchNetwork = z.infer<typeof switchNetworkSchema>;
