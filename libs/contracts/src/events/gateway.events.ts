import { z } from 'zod';
import { languageSchema } from '../languages';

export const coordinatorInvitedPayload = z.object({
  invitationId: z.string().min(1),
  email: z.email(),
  role: z.enum(['viewer', 'coordinator', 'owner']),
  networkName: z.string().min(1),
  language: languageSchema,
  invitedBy: z.string().min(1),
  /** Single-use secret of the invitation link; the gateway stores only its hash. */
  acceptToken: z.string().min(1),
  expiresAt: z.iso.datetime(),
});

export type CoordinatorInvitedPayload = z.infer<typeof coordinatorInvitedPayload>;
