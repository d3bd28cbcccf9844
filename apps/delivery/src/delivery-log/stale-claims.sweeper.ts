import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import { PeriodicWork } from '@hub/runtime';
import type { DeliveryConfig } from '../delivery.config';
import { SourceSummaryStore } from '../source-summaries/source-summary.store';
import { DeliveryRepository } from './delivery.repository';

/**
 * Finds claims whose process died during the SMTP call (at start-up and then periodically) and marks them unknown:
 * resending could send twice, dropping could lose the message, so a person decides.
 */
@Injectable()
export class StaleClaimsSweeper extends PeriodicWork {
  private readonly logger = new Logger(StaleClaimsSweeper.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: DeliveryConfig,
    private readonly deliveries: DeliveryRepository,
    private readonly summaries: SourceSummaryStore,
  ) {
    super();
  }

  protected get intervalMs(): number {
    return this.config.UNKNOWN_SWEEP_INTERVAL_SECONDS * 1000;
  }

  protected run(): Promise<unknown> {
    return this.sweep();
  }

  async sweep(now = new Date()): Promise<number> {
    const marked = await this.deliveries.markStaleAsUnknown(new Date(now.getTime() - this.config.UNKNOWN_AFTER_SECONDS * 1000), now);
    for (const row of marked) await this.summaries.record(row.source, 'unknown');
    if (marked.length > 0) this.logger.warn(`${marked.length} deliveries whose outcome is unknown (process died mid-send)`);
    return marked.length;
  }
}
