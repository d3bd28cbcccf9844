import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EVENT_CATALOG, EventEnvelope, EventPayload, EventType } from '@hub/contracts';
import { Correlation } from '@hub/observability';

export interface NewEvent<T extends EventType> {
  networkId: string;
  /** The aggregate id; events with the same key keep their order. */
  key: string;
  payload: EventPayload<T>;
}

export class InvalidEventError extends Error {
  constructor(type: string, detail: string) {
    super(`event ${type} does not match its schema: ${detail}`);
    this.name = 'InvalidEventError';
  }
}

/**
 * Makes envelopes that are valid by construction: the payload is checked against the catalog before it is written to
 * any outbox, and the correlation and causation ids come from whatever request or event is being handled.
 */
@Injectable()
export class EventFactory {
  create<T extends EventType>(type: T, event: NewEvent<T>): EventEnvelope<EventPayload<T>> {
    const definition = EVENT_CATALOG[type];
    const parsed = definition.payload.safeParse(event.payload);
    if (!parsed.success) throw new InvalidEventError(type, parsed.error.message);
    const scope = Correlation.currentOrNew();
    return {
      id: randomUUID(),
      type,
      version: definition.version,
      occurredAt: new Date().toISOString(),
      networkId: event.networkId,
      key: event.key,
      correlationId: scope.correlationId,
      causationId: scope.causationId,
      payload: parsed.data as EventPayload<T>,
    };
  }
}

