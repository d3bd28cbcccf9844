import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { CustomTransportStrategy, EventPattern, KafkaContext, Server } from '@nestjs/microservices';
import type { Consumer, EachMessagePayload } from 'kafkajs';
import { isObservable, lastValueFrom } from 'rxjs';
import {
  deadLetterTopicOf,
  EVENT_CATALOG,
  eventEnvelopeSchema,
  EventEnvelope,
  EventType,
  isEventType,
  topicOf,
} from '@hub/contracts';
import { Correlation, MetricsRegistry } from '@hub/observability';
import { storageUnavailableReason } from '@hub/persistence';
import { KafkaConnection } from './kafka.connection';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { ProcessedEventStore } from './processed-event.store';

export interface OnEventOptions {
  /**
   * The handler's effect is idempotent by construction, so it may run again for an event it already handled: then
   * the processed-event store (a read and an insert per event) is skipped. Say so only where a second run provably
   * changes nothing, e.g. a job added under an id made from the event (the queue takes it once) whose send a
   * delivery claim guards.
   */
  idempotent?: boolean;
}

/** Marks a controller method as the handler of one event type of the catalog; checked when the service starts. */
export const OnEvent = (type: EventType, options: OnEventOptions = {}) => EventPattern(type, { idempotent: options.idempotent === true });

export const DEAD_LETTER_HEADERS = {
  error: 'dlq-error',
  attempts: 'dlq-attempts',
  topic: 'dlq-original-topic',
  partition: 'dlq-original-partition',
  offset: 'dlq-original-offset',
} as const;

class PoisonMessageError extends Error {}

/** The longest pause between tries while the database cannot take writes. */
const STORAGE_WAIT_MAX_MS = 5_000;

/**
 * The Nest microservice transport of every app: consumes the topics of its @OnEvent handlers in one consumer group
 * per service. It replaces @nestjs/microservices' ServerKafka because that one either swallows a handler's error
 * (the message is lost) or retries it forever (the partition is blocked). Here each event is validated, skipped if
 * already applied, tried a bounded number of times with backoff, and otherwise written to `<topic>.dlq` so the
 * partition moves on; while the database cannot store anything, the partition waits instead.
 */
@Injectable()
export class KafkaEventServer extends Server implements CustomTransportStrategy, OnModuleDestroy {
  private readonly log = new Logger(KafkaEventServer.name);
  private consumer: Consumer | undefined;

  constructor(
    private readonly connection: KafkaConnection,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly processed: ProcessedEventStore,
    private readonly metrics: MetricsRegistry,
  ) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error) => callback(error),
    );
  }

  private async start(): Promise<void> {
    const patterns = [...this.messageHandlers.keys()];
    const unknown = patterns.filter((pattern) => !isEventType(pattern));
    if (unknown.length > 0) throw new Error(`handlers for events that are not in the catalog: ${unknown.join(', ')}`);
    if (patterns.length === 0) return;

    const consumer = this.connection.kafka.consumer({
      groupId: `${this.options.topicPrefix}${this.options.service}`,
      allowAutoTopicCreation: false,
      // After a broker restart the group waits out the session of members it still remembers before it rebalances:
      // 30 s (kafkajs' default) held every consumer idle that long in the chaos suite. Handlers are short and
      // kafkajs heartbeats between messages, so 10 s is safe.
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      // How long an idle fetch waits at the broker for new messages. A stopping consumer waits out the fetch in
      // flight (kafkajs cannot cancel it): with the default 5 s every shutdown took 4-5 s per service (a test
      // file's teardown of four services 12.7 s, now 0.35 s). Messages do not wait for it: a fetch returns as soon as
      // one arrives. The cost is two idle fetches a second per consumer.
      maxWaitTimeInMs: 500,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      this.metrics.kafkaConsumerLag.set({ topic: payload.topic, partition: String(payload.partition) }, Number(payload.offsetLag));
    });
    await consumer.connect();
    const topics = patterns.map((type) => topicOf(type as EventType, this.options.topicPrefix));
    // Another service may have created these topics a moment ago; their leaders can take a few seconds to be known.
    for (let attempt = 1; ; attempt++) {
      try {
        // A service that was down (or is new) must still see what happened meanwhile: fromBeginning.
        await consumer.subscribe({ topics, fromBeginning: true });
        break;
      } catch (error) {
        if (attempt >= 10 || !(error as { retriable?: boolean }).retriable) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
      }
    }
    await consumer.run({ partitionsConsumedConcurrently: 3, eachMessage: (payload) => this.handleMessage(payload) });
  }

  /** Exposed for tests that feed a message without a broker round trip. */
  async handleMessage(payload: EachMessagePayload): Promise<void> {
    const { topic, message } = payload;
    let envelope: EventEnvelope;
    try {
      envelope = this.parse(message.value);
    } catch (error) {
      await this.deadLetter(payload, error as Error, 0);
      return;
    }
    const handler = this.getHandlerByPattern(envelope.type);
    if (!handler) return; // another service's event on a shared topic list; nothing to do here
    const idempotent = handler.extras?.idempotent === true;
    if (!idempotent && (await this.processed.isProcessed(envelope.id))) {
      this.metrics.kafkaEventsHandled.inc({ type: envelope.type, outcome: 'duplicate' });
      return;
    }
    const context = new KafkaContext([message, payload.partition, topic, this.consumer!, payload.heartbeat, this.connection.producer]);

    for (let attempt = 1, storageWaits = 0; ; attempt++) {
      try {
        await Correlation.run({ correlationId: envelope.correlationId, causationId: envelope.id }, async () => {
          const result = await handler(envelope, context);
          if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
        });
        if (!idempotent) await this.processed.markProcessed(envelope.id, envelope.type);
        this.metrics.kafkaEventsHandled.inc({ type: envelope.type, outcome: 'applied' });
        return;
      } catch (error) {
        const storage = storageUnavailableReason(error);
        // A full, read-only or absent database is not the event's fault: every event would fail alike until it takes
        // writes again, so the partition waits for it (heartbeating) instead of dead-lettering what will succeed
        // later. A service shutting down stops waiting; the offset stays uncommitted and the event comes again.
        if (storage && this.consumer !== undefined) {
          if (storageWaits % 10 === 0) this.log.warn(`${envelope.type} ${envelope.id} waits for the database (${storage}): ${(error as Error).message}`);
          await new Promise((resolve) => setTimeout(resolve, Math.min(STORAGE_WAIT_MAX_MS, Math.max(100, this.options.retryBackoffMs) * 2 ** storageWaits)));
          storageWaits += 1;
          attempt -= 1;
          await payload.heartbeat();
          continue;
        }
        if (attempt >= this.options.handlerAttempts) {
          await this.deadLetter(payload, error as Error, attempt);
          this.metrics.kafkaEventsHandled.inc({ type: envelope.type, outcome: 'dead-lettered' });
          return;
        }
        this.log.warn(`${envelope.type} ${envelope.id} failed (attempt ${attempt}): ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, this.options.retryBackoffMs * 2 ** (attempt - 1)));
        await payload.heartbeat();
      }
    }
  }

  private parse(value: Buffer | null): EventEnvelope {
    if (!value) throw new PoisonMessageError('empty message');
    let json: unknown;
    try {
      json = JSON.parse(value.toString('utf8'));
    } catch {
      throw new PoisonMessageError('not JSON');
    }
    const envelope = eventEnvelopeSchema.safeParse(json);
    if (!envelope.success) throw new PoisonMessageError(`not an event envelope: ${envelope.error.message}`);
    if (!isEventType(envelope.data.type)) throw new PoisonMessageError(`unknown event type ${envelope.data.type}`);
    const definition = EVENT_CATALOG[envelope.data.type];
    if (envelope.data.version !== definition.version) {
      throw new PoisonMessageError(`version ${envelope.data.version} of ${envelope.data.type} is not understood`);
    }
    const payload = definition.payload.safeParse(envelope.data.payload);
    if (!payload.success) throw new PoisonMessageError(`payload does not match its schema: ${payload.error.message}`);
    return { ...envelope.data, payload: payload.data };
  }

  private async deadLetter({ topic, partition, message }: EachMessagePayload, error: Error, attempts: number): Promise<void> {
    this.log.error(`dead-lettering ${topic}[${partition}]@${message.offset} after ${attempts} attempt(s): ${error.message}`);
    await this.connection.producer.send({
      topic: deadLetterTopicOf(topic),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            [DEAD_LETTER_HEADERS.error]: error.message.slice(0, 2_000),
            [DEAD_LETTER_HEADERS.attempts]: String(attempts),
            [DEAD_LETTER_HEADERS.topic]: topic,
            [DEAD_LETTER_HEADERS.partition]: String(partition),
            [DEAD_LETTER_HEADERS.offset]: message.offset,
          },
        },
      ],
    });
  }

  on(): never {
    throw new Error('KafkaEventServer has no event listeners');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  /** Stops consuming before anything else shuts down, so no handler runs against closed connections. */
  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.disconnect();
  }
}
