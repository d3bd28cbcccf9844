import { z } from 'zod';
import { internalApiEnv, kafkaEnv, mongoEnv, port, serviceEnv } from '@hub/config';

export const campaignsConfigSchema = z.object({
  ...serviceEnv.shape,
  ...mongoEnv.shape,
  ...kafkaEnv.shape,
  ...internalApiEnv.shape,
  PORT: port(3003),
});

export type CampaignsConfig = z.infer<typeof campaignsConfigSchema>;
