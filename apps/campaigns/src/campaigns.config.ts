import { z } from 'zod';
import { internalApiEnv, kafkaEnv, mongoEnv, port, publicLinksEnv, redisEnv, serviceEnv } from '@hub/config';

const serviceUrl = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''));

export const campaignsConfigSchema = z.object({
  ...serviceEnv.shape,
  ...mongoEnv.shape,
  ...kafkaEnv.shape,
  ...internalApiEnv.shape,
  ...redisEnv.shape,
  PORT: port(3003),
  /** Where the archive links in newsletters point. */
  PUBLIC_BASE_URL: publicLinksEnv.shape.PUBLIC_BASE_URL,
  AUDIENCE_URL: serviceUrl,
  DELIVERY_URL: serviceUrl,
  /** How often stored sends are looked at: scheduled sends that fell due, sends to run after a restart. */
  SEND_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(5),
  /** A scheduled send found this long after its time (the hub was down) waits for a coordinator instead. */
  SEND_GRACE_MINUTES: z.coerce.number().int().min(0).default(60),
  /** Recipients per snapshot page and per addBulk. */
  FANOUT_PAGE_SIZE: z.coerce.number().int().min(10).max(2_000).default(500),
  /** The fan-out stops adding while the bulk queue has this many jobs waiting: back-pressure keeps Redis flat. */
  FANOUT_WINDOW: z.coerce.number().int().min(10).default(2_000),
  /**
   * How long a send's fan-out stays with the replica running it without word from it; after that, another replica's
   * sweep takes it over (a crashed holder's send resumes within this plus one sweep).
   */
  SEND_LEASE_SECONDS: z.coerce.number().int().min(3).default(30),
});

export type CampaignsConfig = z.infer<typeof campaignsConfigSchema>;
