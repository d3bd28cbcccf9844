import { z } from 'zod';
import { port } from '@hub/config';

/** The return path, the inbound endpoint for reports sent to it, and when soft bounces become a suppression. */
export const bouncesEnv = z.object({
  /** Domain of the VERP return path `bounces+<token>@<domain>`; its MX points at this service. Unset: no VERP. */
  BOUNCE_DOMAIN: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'must be a domain name such as bounces.example.org')
    .transform((domain) => domain.toLowerCase())
    .optional(),
  /** Signs the return-path tokens; required with BOUNCE_DOMAIN. */
  BOUNCE_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** The inbound SMTP endpoint for DSNs and ARF reports; 0 turns it off (reports then come by webhook only). */
  BOUNCE_SMTP_PORT: port(2525),
  BOUNCE_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  BOUNCE_MAX_MESSAGE_BYTES: z.coerce.number().int().min(10_000).max(50_000_000).default(1_000_000),
  /** How long a message's return path is remembered; reports that arrive later are ignored. */
  RETURN_PATH_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(60),
  /** Soft bounces in a row (no message got through in between) after which the address is treated as hard-bounced. */
  SOFT_BOUNCE_LIMIT: z.coerce.number().int().min(1).max(100).default(3),
});

export type BouncesEnv = z.infer<typeof bouncesEnv>;

export function checkBouncesEnv(config: Partial<BouncesEnv>, ctx: z.RefinementCtx): void {
  if (config.BOUNCE_DOMAIN && !config.BOUNCE_SIGNING_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['BOUNCE_SIGNING_SECRET'], message: 'is required when BOUNCE_DOMAIN is set' });
  }
}
