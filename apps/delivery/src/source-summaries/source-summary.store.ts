import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';
import { APP_CONFIG } from '@hub/config';
import type { DeliverySummary } from '@hub/contracts';
import { Coalescer } from '@hub/persistence';
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
  /** The outcomes of concurrent jobs, summed per (source, outcome) into one transaction. */
  private readonly increments = new Coalescer<{ source: string; outcome: SummaryOutcome; by: number }, void>((items) => this.increment(items), { maxBatch: 1_000 });

  constructor(@Inject(APP_CONFIG) config: DeliveryConfig) {
    this.redis = new IORedis(config.REDIS_URL, { maxRetriesPerRequest: null, lazyConnect: false });
    this.prefix = `${config.QUEUE_PREFIX}:summary:`;
  }

  record(source: string, outcome: SummaryOutcome, by = 1): Promise<void> {
    return this.increments.call({ source, outcome, by });
  }

  private async increment(items: Array<{ source: string; outcome: SummaryOutcome; by: number }>) {
    const totals = new Map<string, Map<SummaryOutcome, number>>();
    for (const { source, outcome, by } of items) {
      const ofSource = totals.get(source) ?? new Map<SummaryOutcome, number>();
      ofSource.set(outcome, (ofSource.get(outcome) ?? 0) + by);
      totals.set(source, ofSource);
    }
    const transaction = this.redis.multi();
    for (const [source, ofSource] of totals) {
      const key = this.prefix + source;
      for (const [outcome, by] of ofSource) transaction.hincrby(key, outcome, by);
      transaction.expire(key, TTL_SECONDS);
    }
    await transaction.exec();
    return items.map(() => ({ ok: true as const, value: undefined }));
  }

  async summary(source: string): Promise<DeliverySummary> {
    const counts = await this.redis.hgetall(this.prefix + source);
    return { source, ...Object.fromEntries(OUTCOMES.map((outcome) => [outcome, Number(counts[outcome] ?? 0)])) } as DeliverySummary;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}
