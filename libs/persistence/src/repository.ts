import { OnModuleInit } from '@nestjs/common';
import type { Model } from 'mongoose';

/**
 * Base of every repository: builds the model's indexes before the app takes traffic, because unique indexes are
 * what make claims, contacts and seats safe under concurrency (see ARCHITECTURE.md on FerretDB).
 */
export abstract class Repository<T> implements OnModuleInit {
  protected constructor(protected readonly model: Model<T>) {}

  async onModuleInit(): Promise<void> {
    await this.model.createCollection().catch(() => undefined);
    await this.model.createIndexes();
  }
}

/** Every query of tenant data goes through this, so a forgotten networkId cannot widen a query to all networks. */
export function scopedToNetwork<F extends object>(networkId: string, filter: F): F & { networkId: string } {
  if (!networkId) throw new Error('networkId is required to query tenant data');
  return { ...filter, networkId };
}
