import { Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';

export interface ReadMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/**
 * Reads a topic from the beginning with a real consumer in its own group, collecting what is in the topic: each
 * message once. A consumer is given a message again when its group rebalances before the offset was committed (a
 * partition's leader moving while the topic is new is enough); that is the reader's own repetition, told apart by
 * the message's offset, whereas a message the hub published twice sits at two offsets and is collected twice.
 */
export class KafkaTopicReader {
  private readonly kafka: Kafka;
  private readonly consumer;
  readonly messages: ReadMessage[] = [];
  private readonly seen = new Set<string>();

  constructor(brokers: string, private readonly topic: string) {
    this.kafka = new Kafka({ brokers: brokers.split(','), clientId: 'test-reader', logLevel: logLevel.NOTHING });
    // A short idle fetch: stopping waits out the one in flight (5 s with kafkajs' default), as the services' consumers do.
    this.consumer = this.kafka.consumer({ groupId: `test-reader-${randomUUID()}`, maxWaitTimeInMs: 500 });
  }

  async start(): Promise<this> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ partition, message }: { partition: number; message: KafkaMessage }) => {
        const position = `${partition}:${message.offset}`;
        if (this.seen.has(position)) return;
        this.seen.add(position);
        this.messages.push({
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          partition,
          offset: message.offset,
        });
      },
    });
    return this;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
