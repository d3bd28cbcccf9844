import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import IORedis from 'ioredis';
import { MongoClient } from 'mongodb';
import { stackEnv, StackEnv } from './stack-env';

/**
 * One test file's private corner of the shared stack: its own database names, topics, consumer groups and queue
 * keys, all under one random prefix, so that test files and whole runs never see each other's data. `cleanup()`
 * removes all of it.
 */
export class TestRun {
  readonly id = `t${randomBytes(4).toString('hex')}`;
  readonly stack: StackEnv = stackEnv();

  /** The environment of a hub service in this run; `overrides` win. */
  env(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.HUB_TEST_LOG_LEVEL ?? 'warn',
      MONGO_URL: this.stack.mongoUrl,
      MONGO_DB_PREFIX: `${this.id}_`,
      KAFKA_BROKERS: this.stack.kafkaBrokers,
      KAFKA_TOPIC_PREFIX: `${this.id}.`,
      KAFKA_TOPIC_PARTITIONS: '3',
      KAFKA_RETRY_BACKOFF_MS: '50',
      OUTBOX_POLL_INTERVAL_MS: '250',
      REDIS_URL: this.stack.redisUrl,
      QUEUE_PREFIX: this.id,
      SMTP_URL: this.stack.smtpUrl,
      MAIL_FROM: 'Hub Test <no-reply@hub.test>',
      PUBLIC_BASE_URL: 'http://hub.test',
      LINK_SIGNING_SECRET: 'test-link-signing-secret-of-32-chars-or-more',
      INTERNAL_API_SECRET: 'test-internal-api-secret-of-32-chars-or-more',
      DEMO_DATA: 'true',
      ...overrides,
    };
  }

  get topicPrefix(): string {
    return `${this.id}.`;
  }

  /** A recipient address no other test uses, so a test can find its own mail in the shared inbox. */
  email(local: string): string {
    return `${local}.${this.id}@example.test`;
  }

  async cleanup(): Promise<void> {
    await Promise.allSettled([this.dropDatabases(), this.deleteTopics(), this.deleteQueueKeys()]);
  }

  private async dropDatabases(): Promise<void> {
    const client = await MongoClient.connect(this.stack.mongoUrl);
    try {
      const { databases } = await client.db().admin().listDatabases({ nameOnly: true });
      for (const { name } of databases.filter((db) => db.name.startsWith(`${this.id}_`))) await client.db(name).dropDatabase();
    } finally {
      await client.close();
    }
  }

  private async deleteTopics(): Promise<void> {
    const admin = new Kafka({ brokers: this.stack.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(this.topicPrefix));
      if (topics.length > 0) await admin.deleteTopics({ topics });
      const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(this.topicPrefix));
      if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
    } finally {
      await admin.disconnect();
    }
  }

  private async deleteQueueKeys(): Promise<void> {
    const redis = new IORedis(this.stack.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await redis.connect();
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.id}:*`, 'COUNT', 1000);
        if (keys.length > 0) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  }
}
