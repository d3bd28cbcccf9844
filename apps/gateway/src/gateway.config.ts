import { z } from 'zod';
import { demoDataEnv, internalApiEnv, kafkaEnv, mongoEnv, port, publicLinksEnv, redisEnv, serviceEnv } from '@hub/config';

export const gatewayConfigSchema = z.object({
  ...serviceEnv.shape,
  ...mongoEnv.shape,
  ...kafkaEnv.shape,
  ...internalApiEnv.shape,
  ...demoDataEnv.shape,
  ...redisEnv.shape,
  PUBLIC_BASE_URL: publicLinksEnv.shape.PUBLIC_BASE_URL,
  PORT: port(3000),
  AUDIENCE_URL: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
  /** Defaults to scheduling's default address, so gateway set-ups that never reach scheduling need not name it. */
  SCHEDULING_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3002').transform((url) => url.replace(/\/+$/, '')),
  DELIVERY_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3004').transform((url) => url.replace(/\/+$/, '')),
  /** Signs calls to the delivery feedback webhook; the webhook answers 404 while it is unset. */
  DELIVERY_WEBHOOK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  CAMPAIGNS_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3003').transform((url) => url.replace(/\/+$/, '')),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  INVITATION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(72),
  /** Failed sign-ins allowed per (account, IP) and per IP within the window before answers become 429. */
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT_AND_IP: z.coerce.number().int().min(1).default(5),
  SIGN_IN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
  SIGN_IN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  /** Requests per minute per IP on public endpoints; the subscribe and sign-in endpoints have their own, lower limits. */
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  SUBSCRIBE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** The hub's sign-up form sent sooner than this after it was rendered is taken for a bot's; 0 turns that off. */
  SUBSCRIBE_FORM_MIN_FILL_SECONDS: z.coerce.number().int().min(0).max(60).default(3),
  /** The largest CSV file the console's contact import accepts, and how long an upload waits for its column mapping. */
  CONSOLE_IMPORT_MAX_MB: z.coerce.number().int().min(1).max(100).default(10),
  CONSOLE_IMPORT_UPLOAD_TTL_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60),
  /** Sets the Secure flag on cookies; on by default when PUBLIC_BASE_URL is https. */
  COOKIE_SECURE: z.enum(['true', 'false']).optional().transform((value) => (value === undefined ? undefined : value === 'true')),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
