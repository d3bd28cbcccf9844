import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Admin, Kafka, logLevel, LogEntry, Partitioners, Producer } from 'kafkajs';
import { deadLetterTopicOf, EVENT_TYPES, topicOf } from '@hub/contracts';
import { ReadinessRegistry } from '@hub/observability';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

const kafkaLog = new Logger('kafkajs');

/** kafkajs writes to the console by default; route it through the app logger at warn and above. */
function logCreator() {
  return ({ level, log }: LogEntry) => {
    const { message, ...extra } = log;
    const line = `${message} ${JSON.stringify(extra)}`;
    if (level === logLevel.ERROR) kafkaLog.error(line);
    else if (level === logLevel.WARN) kafkaLog.warn(line);
  };
}

/**
 * The one Kafka client of a process: kafkajs is kept behind this lib so it can be swapped for another client
 * without touching the apps (see ARCHITECTURE.md: kafkajs is unmaintained).
 */
@Injectable()
export class KafkaConnection implements OnModuleInit, OnApplicationShutdown {
  readonly kafka: Kafka;
  readonly producer: Producer;
  private readonly admin: Admin;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    private readonly readiness: ReadinessRegistry,
  ) {
    this.kafka = new Kafka({
      clientId: `${options.topicPrefix}${options.service}`,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator,
      retry: { retries: 8, initialRetryTime: 200 },
    });
    // One request in flight keeps a retried batch from overtaking the next one, so an aggregate's events stay in order.
    // Not kafkajs' idempotent mode: it needs unbounded retries, which would hang shutdown while the broker is away;
    // a duplicate from a retried send is absorbed by the idempotent consumers instead.
    this.producer = this.kafka.producer({
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.admin = this.kafka.admin();
  }

  async onModuleInit(): Promise<void> {
    await this.admin.connect();
    await this.ensureTopics();
    await this.producer.connect();
    this.readiness.register('kafka', async () => {
      await this.admin.describeCluster();
    });
  }

  /** Creates every event topic and its dead-letter topic up front, so no consumer starts on a missing topic. */
  private async ensureTopics(): Promise<void> {
    const topics = EVENT_TYPES.flatMap((type) => {
      const topic = topicOf(type, this.options.topicPrefix);
      return [topic, deadLetterTopicOf(topic)];
    });
    const existing = new Set(await this.admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    await this.admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic, numPartitions: this.options.topicPartitions, replicationFactor: 1 })),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
    await this.admin.disconnect();
  }
}
