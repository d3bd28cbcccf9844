import { z } from 'zod';
import { demoDataEnv, internalApiEnv, kafkaEnv, mongoEnv, port, serviceEnv } from '@hub/config';

export const gatewayConfigSchema = z.object({
  ...serviceEnv.shape,
  ...mongoEnv.shape,
  ...kafkaEnv.shape,
  ...internalApiEnv.shape,
  ...demoDataEnv.shape,
  PORT: port(3000),
  AUDIENCE_URL: z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
