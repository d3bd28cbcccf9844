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

/**
 * Event-carried state of a network's profile: the other services keep a read model of it (sender identity,
 * branding, languages, zone) instead of calling the gateway. Published whenever a network is created or its
 * settings change; the latest one per network id (the event key) wins.
 */
export const networkProfilePayload = z.object({
  networkId: z.string().min(1),
  slug: z.string().min(1),
  name: z.string().min(1),
  country: z.enum(['NO', 'SE', 'DK', 'FI']),
  defaultLanguage: languageSchema,
  /** Offered languages in the network's order of preference: the fallback order for content. */
  languages: z.array(languageSchema).min(1),
  timeZone: z.string().min(1),
  isPublic: z.boolean(),
  branding: z.object({ logoUrl: z.string().nullable(), accentColor: z.string().min(1) }),
  sender: z.object({ fromName: z.string(), fromAddress: z.string(), replyTo: z.string().nullable(), postalAddress: z.string() }),
  /** Monotonic per network, so a consumer can ignore an older profile that arrives late. */
  revision: z.number().int().nonnegative(),
});

export type NetworkProfilePayload = z.infer<typeof networkProfilePayload>;
