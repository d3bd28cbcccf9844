import { z } from 'zod';
import { internalApiEnv, kafkaEnv, mongoEnv, port, publicLinksEnv, serviceEnv } from '@hub/config';

export const schedulingConfigSchema = z.object({
  ...serviceEnv.shape,
  ...mongoEnv.shape,
  ...kafkaEnv.shape,
  ...internalApiEnv.shape,
  PORT: port(3002),
  /** HMAC key of the participants' personal registration links. */
  LINK_SIGNING_SECRET: publicLinksEnv.shape.LINK_SIGNING_SECRET,
  /** How often stored events are looked at for reminders that fell due (and seats left behind by a crash). */
  REMINDER_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(60),
  /** How often ended events are looked at for registrations past the network's retention period. */
  RETENTION_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(3600),
});

export type SchedulingConfig = z.infer<typeof schedulingConfigSchema>;
