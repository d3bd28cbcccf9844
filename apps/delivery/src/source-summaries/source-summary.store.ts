import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';
import { APP_CONFIG } from '@hub/config';
import type { DeliverySummary } from '@hub/contracts';
import type { DeliveryConfig } from '../delivery.config';

export type SummaryOutcome = Exclude<keyof DeliverySummary, 'source'>;

const OUTCOMES: SummaryOutcome[] = ['sent', 'failed', 'deferred', 'unknown', 'skipped', 'bounced', 'complained'];
/** Long enough to report on any send; a forgotten source does not stay in Redis forever. */
const TTL_SECONDS = 90 * 24 * 3600;

/**
 * Per-source counters (a Redis hash per source, one increment per recorded outcome), so "how far has this newsletter
 * got" never scans the delivery log. Commands wait through a Redis restart instead of failing (maxRetriesPerRequest
 * null), so an outcome recorded in the delivery log is not left uncounted.
 */
@Injectable()
export class SourceSummaryStore implements OnApplicationShutdown {
  private readonly redis: IORedis;
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: DeliveryConfig) {
    this.redis = new IORedis(config.REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: false });
    this.prefix = `${config.QUEUE_PREFIX}:summary:`;
  }

  async record(source: string, outcome: SummaryOutcome, by = 1): Promise<void> {
    const key = this.prefix + source;
    await this.redis.multi().hincrby(key, outcome, by).expire(key, TTL_SECONDS).exec();
  }

  async summary(source: string): Promise<DeliverySummary> {
    const counts = await this.redis.hgetall(this.prefix + source);
    return { source, ...Object.fromEntries(OUTCOMES.map((outcome) => [outcome, Number(counts[outcome] ?? 0)])) } as DeliverySummary;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
