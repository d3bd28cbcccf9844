import { z } from 'zod';

export const messageSentPayload = z.object({
  deliveryId: z.string().min(1),
  source: z.string().min(1),
  recipient: z.email(),
  messageId: z.string().min(1),
  smtpResponse: z.string(),
});

export const messageFailedPayload = z.object({
  deliveryId: z.string().min(1),
  source: z.string().min(1),
  recipient: z.email(),
  permanent: z.boolean(),
  smtpResponse: z.string(),
});

export type MessageSentPayload = z.infer<typeof messageSentPayload>;
export type MessageFailedPayload = z.infer<typeof messageFailedPayload>;
