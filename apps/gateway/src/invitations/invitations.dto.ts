import { z } from 'zod';
import { emailAddressSchema } from '@hub/contracts';
import { roleSchema } from '../auth/role';

export const createInvitationSchema = z.object({ email: emailAddressSchema, role: roleSchema });
export type CreateInvitation = z.infer<typeof createInvitationSchema>;

export const acceptInvitationSchema = z.object({
  token: z.string().min(1).max(200),
  /** Needed only when the address has no account yet. */
  name: z.string().trim().min(1).max(200).optional(),
  password: z.string().min(12, 'must be at least 12 characters').max(1_000).optional(),
});
export type AcceptInvitation = z.infer<typeof acceptInvitationSchema>;
