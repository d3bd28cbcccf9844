import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { BULK_JOB_OPTIONS, MAIL_QUEUES, TRANSACTIONAL_JOB_OPTIONS } from '@hub/contracts';
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
    @Inject(getQueueToken(MAIL_QUEUES.bulk)) private readonly bulk: Queue,
    private readonly readiness: ReadinessRegistry,
    private readonly metrics: MetricsRegistry,
  ) {}

  static forRoot(options: { redisUrl: string; prefix: string }): DynamicModule {
    // The options travel with the contracts: producers outside delivery (campaigns, tests) add jobs through Queue
    // objects of their own, which do not have these defaults.
    const registered = BullModule.registerQueue(
      { name: MAIL_QUEUES.transactional, defaultJobOptions: TRANSACTIONAL_JOB_OPTIONS },
      { name: MAIL_QUEUES.bulk, defaultJobOptions: BULK_JOB_OPTIONS },
    );
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
      for (const queue of [this.transactional, this.bulk]) {
        const counts = await queue.getJobCounts(...JOB_STATES);
        for (const state of JOB_STATES) this.metrics.queueDepth.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    });
  }
}
