import { z } from 'zod';
import { kafkaEnv, mongoEnv, port, publicLinksEnv, redisEnv, serviceEnv, smtpEnv } from '@hub/config';

export const deliveryConfigSchema = z.object({
  ...serviceEnv.shape,
  ...mongoEnv.shape,
  ...kafkaEnv.shape,
  ...redisEnv.shape,
  ...smtpEnv.shape,
  PUBLIC_BASE_URL: publicLinksEnv.shape.PUBLIC_BASE_URL,
  PORT: port(3004),
  TRANSACTIONAL_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(10),
  /** Messages per second the transactional queue may hand to SMTP, across all delivery processes. */
  TRANSACTIONAL_RATE_PER_SECOND: z.coerce.number().int().min(1).default(100),
  /** How long the whole queue pauses after the relay answers 421 or "too many". */
  SMTP_SLOWDOWN_MS: z.coerce.number().int().min(100).default(5_000),
  SMTP_POOL_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(5),
  /** A claim still "sending" after this long belongs to a process that died mid-call: its outcome is unknown. */
  UNKNOWN_AFTER_SECONDS: z.coerce.number().int().min(10).default(120),
  UNKNOWN_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(60),
});

export type DeliveryConfig = z.infer<typeof deliveryConfigSchema>;
