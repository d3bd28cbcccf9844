import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Admin, Kafka, logLevel, LogEntry, Partitioners, Producer } from 'kafkajs';
import { deadLetterTopicOf, EVENT_TYPES, topicOf } from '@hub/contracts';
import { ReadinessRegistry } from '@hub/observability';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';

const kafkaLog = new Logger('kafkajs');
/** How long start-up waits for every event topic's partitions to be served by their leader. */
const LEADERS_TIMEOUT_MS = 30_000;
const LEADERS_POLL_MS = 100;

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

  /**
   * Creates every event topic and its dead-letter topic up front, so no consumer starts on a missing topic, and
   * waits until each partition has a leader. Services start together: the one that creates the topics waits for
   * their leaders, the others see them listed at once. Producing before then fails on the partitions without a
   * leader, and kafkajs retries the whole request, writing again what the other partitions had taken (events twice
   * on the topic, seen in the tests), while consumers log "not the leader" errors.
   */
  private async ensureTopics(): Promise<void> {
    const topics = EVENT_TYPES.flatMap((type) => {
      const topic = topicOf(type, this.options.topicPrefix);
      return [topic, deadLetterTopicOf(topic)];
    });
    const existing = new Set(await this.admin.listTopics());
    const missing = topics.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      // No waitForLeaders: awaitLeaders below waits for more than the metadata that option polls.
      await this.admin.createTopics({
        topics: missing.map((topic) => ({ topic, numPartitions: this.options.topicPartitions, replicationFactor: 1 })),
      });
    }
    await this.awaitLeaders(topics);
  }

  /**
   * Each partition answers ListOffsets once its leader serves it; the broker's metadata names the leader a moment
   * earlier, which is why the offsets are asked, not the metadata. Asked by a client of its own that logs nothing:
   * the refusals are expected here, and kafkajs logs every refused request as an error.
   */
  private async awaitLeaders(topics: string[]): Promise<void> {
    const probe = new Kafka({ clientId: `${this.options.topicPrefix}${this.options.service}-topics`, brokers: this.options.brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
    await probe.connect();
    try {
      const deadline = Date.now() + LEADERS_TIMEOUT_MS;
      let waiting = topics;
      for (;;) {
        const answered = await Promise.all(waiting.map((topic) => probe.fetchTopicOffsets(topic).then(() => true, () => false)));
        waiting = waiting.filter((_, index) => !answered[index]);
        if (waiting.length === 0) return;
        if (Date.now() >= deadline) throw new Error(`Kafka topics without a leader after ${LEADERS_TIMEOUT_MS / 1000} s: ${waiting.join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, LEADERS_POLL_MS));
      }
    } finally {
      await probe.disconnect();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
    await this.admin.disconnect();
  }
}
