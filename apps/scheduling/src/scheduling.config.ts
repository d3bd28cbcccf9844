import { z } from 'zod';
import { internalApiEnv, kafkaEnv, mongoEnv, port, serviceEnv } from '@hub/config';

export const schedulingConfigSchema = z.object({
  ...serviceEnv.shape,
  ...mongoEnv.shape,
  ...kafkaEnv.shape,
  ...internalApiEnv.shape,
  PORT: port(3002),
});

export type SchedulingConfig = z.infer<typeof schedulingConfigSchema>;
