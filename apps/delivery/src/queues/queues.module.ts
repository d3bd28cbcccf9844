import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { MAIL_QUEUES } from '@hub/contracts';
import { MetricsRegistry, ReadinessRegistry } from '@hub/observability';

const JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/**
 * The mail queues on Redis. Transactional and bulk are separate queues with their own workers, so a newsletter to
 * 100 000 people never stands in front of a registration confirmation.
 */
@Module({})
export class QueuesModule implements OnModuleInit {
  constructor(
    @Inject(getQueueToken(MAIL_QUEUES.transactional)) private readonly transactional: Queue,
    private readonly readiness: ReadinessRegistry,
    private readonly metrics: MetricsRegistry,
  ) {}

  static forRoot(options: { redisUrl: string; prefix: string }): DynamicModule {
    const registered = BullModule.registerQueue({
      name: MAIL_QUEUES.transactional,
      defaultJobOptions: {
        attempts: 8,
        backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
        // Kept for a day so that the same job id added again is recognised and ignored.
        removeOnComplete: { age: 24 * 3600, count: 100_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
    return {
      module: QueuesModule,
      // Global: the queues are the delivery service's backbone; every mail module enqueues or works on them.
      global: true,
      imports: [
        BullModule.forRoot({
          prefix: options.prefix,
          connection: { url: options.redisUrl, maxRetriesPerRequest: null, enableReadyCheck: true } as never,
        }),
        registered,
      ],
      exports: [registered],
    };
  }

  onModuleInit(): void {
    this.readiness.register('redis', async () => {
      await this.transactional.getJobCounts('waiting');
    });
    this.metrics.onScrape(async () => {
      const counts = await this.transactional.getJobCounts(...JOB_STATES);
      for (const state of JOB_STATES) this.metrics.queueDepth.set({ queue: MAIL_QUEUES.transactional, state }, counts[state] ?? 0);
    });
  }
}
