import { z } from 'zod';
import { internalApiEnv, kafkaEnv, mongoEnv, port, publicLinksEnv, redisEnv, serviceEnv, smtpEnv } from '@hub/config';
import { bouncesEnv, checkBouncesEnv } from './bounces/bounces.config';
import { checkDkimEnv, dkimEnv } from './smtp/dkim';

export const deliveryConfigSchema = z.object({
  ...serviceEnv.shape,
  ...mongoEnv.shape,
  ...kafkaEnv.shape,
  ...redisEnv.shape,
  ...smtpEnv.shape,
  ...internalApiEnv.shape,
  ...bouncesEnv.shape,
  ...dkimEnv.shape,
  PUBLIC_BASE_URL: publicLinksEnv.shape.PUBLIC_BASE_URL,
  PORT: port(3004),
  TRANSACTIONAL_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  /** Messages per second the transactional queue may hand to SMTP, across all delivery processes. */
  TRANSACTIONAL_RATE_PER_SECOND: z.coerce.number().int().min(1).default(100),
  /** How long the whole queue pauses after the relay answers 421 or "too many". */
  SMTP_SLOWDOWN_MS: z.coerce.number().int().min(100).default(5_000),
  /** The transactional queue's own SMTP connections: a newsletter never occupies the slots a confirmation needs. */
  SMTP_POOL_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(5),
  BULK_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(20),
  /** Newsletter copies per second handed to SMTP, across all delivery processes: what one relay takes without throttling. */
  BULK_RATE_PER_SECOND: z.coerce.number().int().min(1).default(200),
  BULK_SMTP_POOL_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(5),
  /** How long a relay may stay silent mid-session before the message is given up as unknown (never re-sent). */
  SMTP_SOCKET_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  /** Where the bulk worker fetches a newsletter's rendered issue. */
  CAMPAIGNS_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3003').transform((url) => url.replace(/\/+$/, '')),
  /** How long a fetched issue (and its send state) is reused: a pause or cancel takes effect within this. */
  NEWSLETTER_CONTENT_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /** A claim still "sending" after this long belongs to a process that died mid-call: its outcome is unknown. */
  UNKNOWN_AFTER_SECONDS: z.coerce.number().int().min(10).default(120),
  /**
   * Besides the sweep at start-up (which finds what this process's own crash left). Each sweep scans the delivery log
   * on FerretDB (no index serves it, ~0.2 ms of its CPU per row), so it runs rarely: it is for another process that
   * died and did not come back.
   */
  UNKNOWN_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(600),
})
  .superRefine(checkBouncesEnv)
  .superRefine(checkDkimEnv);

export type DeliveryConfig = z.infer<typeof deliveryConfigSchema>;
