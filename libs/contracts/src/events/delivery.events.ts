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

/** A delivery status notification (RFC 3464) or a bounce webhook call; `hard` ones suppress at once. */
export const messageBouncedPayload = z.object({
  deliveryId: z.string().min(1),
  source: z.string().min(1),
  recipient: z.email(),
  hard: z.boolean(),
  /** RFC 3463 enhanced status code, e.g. 5.1.1, when the report carried one. */
  status: z.string().nullable(),
  diagnostic: z.string(),
  /** Soft bounces in a row for this recipient, this one included (0 for a hard bounce). */
  consecutiveSoftBounces: z.number().int().nonnegative(),
  via: z.enum(['dsn', 'webhook']),
});

/** An abuse report (RFC 5965 ARF) or a complaint webhook call: the address is suppressed for the network. */
export const messageComplainedPayload = z.object({
  deliveryId: z.string().min(1),
  source: z.string().min(1),
  recipient: z.email(),
  feedbackType: z.string().min(1),
  via: z.enum(['arf', 'webhook']),
});

export type MessageBouncedPayload = z.infer<typeof messageBouncedPayload>;
export type MessageComplainedPayload = z.infer<typeof messageComplainedPayload>;
