import { Schema } from 'mongoose';
import type { EventEnvelope } from '@hub/contracts';

/**
 * Aggregates that announce their changes carry their unpublished events in this array. The state change and the
 * `$push` to the outbox go in one update of one document, so either both happen or neither (see ARCHITECTURE.md).
 */
export interface WithOutbox {
  outbox: EventEnvelope[];
}

export const outboxField = { type: [Schema.Types.Mixed], default: [] } as const;
