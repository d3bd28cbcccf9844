export interface MessagingOptions {
  /** Names the consumer group and the Kafka client; one group per service, so every service sees every event. */
  service: string;
  brokers: string[];
  topicPrefix: string;
  topicPartitions: number;
  /** How often a failing handler is tried before its event goes to the dead-letter topic. */
  handlerAttempts: number;
  retryBackoffMs: number;
  outboxPollIntervalMs: number;
  /** How often the sweep also covers the collections watched with `rareSweeps`. */
  outboxFullSweepIntervalMs: number;
}

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
