import { z } from 'zod';

/** Every event on Kafka travels in this envelope; the payload is checked against the event's own schema. */
export const eventEnvelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().regex(/^[a-z]+(\.[a-z-]+)+$/),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime(),
  networkId: z.string().min(1),
  /** The aggregate the event belongs to; used as the Kafka key so one aggregate's events stay in order. */
  key: z.string().min(1),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  payload: z.unknown(),
});

export type EventEnvelope<P = unknown> = Omit<z.infer<typeof eventEnvelopeSchema>, 'payload'> & { payload: P };
