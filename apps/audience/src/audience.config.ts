import { z } from 'zod';
import { demoDataEnv, internalApiEnv, kafkaEnv, mongoEnv, port, publicLinksEnv, serviceEnv } from '@hub/config';

export const audienceConfigSchema = z.object({
  ...serviceEnv.shape,
  ...mongoEnv.shape,
  ...kafkaEnv.shape,
  ...internalApiEnv.shape,
  ...publicLinksEnv.shape,
  ...demoDataEnv.shape,
  PORT: port(3001),
  /** How long a double opt-in link works. */
  CONFIRMATION_TTL_HOURS: z.coerce.number().int().min(1).default(24 * 7),
  /** A second request while pending re-sends the confirmation at most this often. */
  CONFIRMATION_RESEND_MINUTES: z.coerce.number().int().min(0).default(10),
  /**
   * Valid rows a CSV import writes together: one insert of contacts and one of address entries per chunk, whatever
   * its size, so larger is cheaper per row but holds more in memory (two chunks at most, about 2 kB a row).
   */
  CONTACT_IMPORT_CHUNK_ROWS: z.coerce.number().int().min(1).max(10_000).default(1_000),
});

export type AudienceConfig = z.infer<typeof audienceConfigSchema>;
