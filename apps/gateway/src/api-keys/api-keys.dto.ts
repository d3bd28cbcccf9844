import { z } from 'zod';
import { roleSchema } from '../auth/role';

export const createApiKeySchema = z.object({ name: z.string().trim().min(1).max(100), role: roleSchema });
export type CreateApiKey = z.infer<typeof createApiKeySchema>;
