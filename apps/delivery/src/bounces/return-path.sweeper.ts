import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import { PeriodicWork } from '@hub/runtime';
import type { DeliveryConfig } from '../delivery.config';
import { ReturnPathRepository } from './return-path.repository';

const SWEEP_INTERVAL_MS = 6 * 3600_000;

/** Forgets return paths past RETURN_PATH_RETENTION_DAYS: one record per message sent would otherwise pile up for ever. */
@Injectable()
export class ReturnPathSweeper extends PeriodicWork {
  private readonly logger = new Logger(ReturnPathSweeper.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: DeliveryConfig,
    private readonly records: ReturnPathRepository,
  ) {
    super();
  }

  protected get intervalMs(): number {
    return SWEEP_INTERVAL_MS;
  }

  protected run(): Promise<unknown> {
    return this.sweep();
  }

  override onApplicationBootstrap(): void {
    if (!this.config.BOUNCE_DOMAIN) return;
    super.onApplicationBootstrap();
  }

  async sweep(now = new Date()): Promise<number> {
    const deleted = await this.records.deleteOlderThan(new Date(now.getTime() - this.config.RETURN_PATH_RETENTION_DAYS * 86_400_000));
    if (deleted > 0) this.logger.log(`${deleted} expired return paths forgotten`);
    return deleted;
  }
}
