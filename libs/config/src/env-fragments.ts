import { z } from 'zod';

/*
 * Environment fragments shared by the services. Each service composes the ones it needs into its own schema, so a
 * service never demands a variable it does not use.
 */

const commaList = z
  .string()
  .min(1)
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

const secret = z.string().min(32, 'must be at least 32 characters');

const boolean = z.enum(['true', 'false']).transform((value) => value === 'true');

export const serviceEnv = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: boolean.default(false),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
});

export const mongoEnv = z.object({
  MONGO_URL: z.url({ protocol: /^mongodb(\+srv)?$/, error: 'must be a mongodb:// URL' }),
  /** Prepended to every database name, so that test runs and several hubs can share one server. */
  MONGO_DB_PREFIX: z.string().regex(/^[a-z0-9_]*$/, 'only a-z, 0-9 and _').default('hub_'),
});

export const kafkaEnv = z.object({
  KAFKA_BROKERS: commaList,
  /** Prepended to every topic and consumer group, so that test runs never see each other's events. */
  KAFKA_TOPIC_PREFIX: z.string().regex(/^[a-zA-Z0-9._-]*$/, 'only letters, digits, ".", "_" and "-"').default(''),
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).default(3),
  KAFKA_HANDLER_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(4),
  KAFKA_RETRY_BACKOFF_MS: z.coerce.number().int().min(0).default(200),
  /** The relay's sweep for events a crashed process left in an outbox; writes are relayed at once without it. */
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(10_000),
  /** The same sweep over large collections, which it scans whole (see OutboxRelay's `rareSweeps`). */
  OUTBOX_FULL_SWEEP_INTERVAL_MS: z.coerce.number().int().min(50).default(600_000),
});

export const redisEnv = z.object({
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }),
  /** BullMQ key prefix; like the topic prefix, it keeps test runs apart. */
  QUEUE_PREFIX: z.string().regex(/^[a-zA-Z0-9_-]+$/, 'only letters, digits, "_" and "-"').default('hub'),
});

export const smtpEnv = z.object({
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }),
  MAIL_FROM: z.string().min(3).default('Nordic Network Hub <no-reply@hub.localhost>'),
});

export const publicLinksEnv = z.object({
  /** Where people reach the gateway; every link in an email starts with it. */
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
  LINK_SIGNING_SECRET: secret,
});

export const internalApiEnv = z.object({
  /** Shared by the gateway and the services; a service refuses requests that do not carry it. */
  INTERNAL_API_SECRET: secret,
});

export const demoDataEnv = z.object({
  DEMO_DATA: boolean.default(false),
});

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
