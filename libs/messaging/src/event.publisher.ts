import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope, EventType, topicOf } from '@hub/contracts';
import { KafkaConnection } from './kafka.connection';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

export const EVENT_HEADERS = {
  id: 'event-id',
  type: 'event-type',
  version: 'event-version',
  correlationId: 'correlation-id',
} as const;

/** Writes envelopes to their topics with the aggregate id as key; waits for all in-sync replicas. */
@Injectable()
export class EventPublisher {
  constructor(
    private readonly connection: KafkaConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  async publish(envelopes: EventEnvelope[]): Promise<void> {
    if (envelopes.length === 0) return;
    const byTopic = new Map<string, EventEnvelope[]>();
    for (const envelope of envelopes) {
      const topic = topicOf(envelope.type as EventType, this.options.topicPrefix);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), envelope]);
    }
    await this.connection.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, batch]) => ({
        topic,
        messages: batch.map((envelope) => ({
          key: envelope.key,
          value: JSON.stringify(envelope),
          headers: {
            [EVENT_HEADERS.id]: envelope.id,
            [EVENT_HEADERS.type]: envelope.type,
            [EVENT_HEADERS.version]: String(envelope.version),
            [EVENT_HEADERS.correlationId]: envelope.correlationId,
          },
        })),
      })),
    });
  }
}
