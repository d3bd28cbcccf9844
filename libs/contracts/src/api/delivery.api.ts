import { z } from 'zod';

/** Coordinators' view of the delivery log's unknowns: messages whose process died during the SMTP call. */
export const unknownDeliveryFilterSchema = z.object({
  /** The last id of the previous page. */
  cursor: z.string().min(1).max(600).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type UnknownDeliveryFilter = z.infer<typeof unknownDeliveryFilterSchema>;

export interface UnknownDeliveryView {
  id: string;
  source: string;
  recipient: string;
  queue: string;
  kind: string;
  claimedAt: string;
  /** When the sweep found it. */
  markedUnknownAt: string | null;
  /** The claim id of the copy a coordinator resent, if one was. */
  resentAs: string | null;
}

export interface UnknownDeliveryPage {
  items: UnknownDeliveryView[];
  nextCursor: string | null;
}

export interface ResendDeliveryResponse {
  id: string;
  resentAs: string;
}

/** Job counts per state of each mail queue. */
export type MailQueueStates = Record<string, { waiting: number; active: number; delayed: number; failed: number; completed: number; paused: number; prioritized: number }>;
