import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import { PeriodicTask } from '@hub/runtime';
import type { DeliveryConfig } from '../delivery.config';
import { SourceSummaryStore } from '../source-summaries/source-summary.store';
import { DeliveryRepository } from './delivery.repository';

/**
 * Finds claims whose process died during the SMTP call (at start-up and then periodically) and marks them unknown:
 * resending could send twice, dropping could lose the message, so a person decides.
 */
@Injectable()
export class StaleClaimsSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(StaleClaimsSweeper.name);
  private task: PeriodicTask | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: DeliveryConfig,
    private readonly deliveries: DeliveryRepository,
    private readonly summaries: SourceSummaryStore,
  ) {}

  onApplicationBootstrap(): void {
    this.task = new PeriodicTask(StaleClaimsSweeper.name, this.config.UNKNOWN_SWEEP_INTERVAL_SECONDS * 1000, () => this.sweep());
    this.task.start();
  }

  async sweep(now = new Date()): Promise<number> {
    try {
      const marked = await this.deliveries.markStaleAsUnknown(new Date(now.getTime() - this.config.UNKNOWN_AFTER_SECONDS * 1000), now);
      for (const row of marked) await this.summaries.record(row.source, 'unknown');
      if (marked.length > 0) this.logger.warn(`${marked.length} deliveries whose outcome is unknown (process died mid-send)`);
      return marked.length;
    } catch (error) {
      this.logger.warn(`sweep failed: ${(error as Error).message}`);
      return 0;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.task?.stop();
  }
}
