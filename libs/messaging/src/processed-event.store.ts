import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Collection, Connection } from 'mongoose';
import { isDuplicateKeyError } from '@hub/persistence';

interface ProcessedEvent {
  _id: string;
  type: string;
  processedAt: Date;
}

/**
 * The ids of the events this service has applied. The event id is the document id, so the unique _id index makes
 * "applied" a fact that two consumers racing on a rebalance cannot both record.
 */
@Injectable()
export class ProcessedEventStore implements OnModuleInit {
  private collection!: Collection<ProcessedEvent>;

  constructor(@InjectConnection() private readonly connection: Connection) {}

  onModuleInit(): void {
    this.collection = this.connection.collection<ProcessedEvent>('processed_events');
  }

  async isProcessed(eventId: string): Promise<boolean> {
    return (await this.collection.countDocuments({ _id: eventId }, { limit: 1 })) > 0;
  }

  async markProcessed(eventId: string, type: string): Promise<void> {
    try {
      await this.collection.insertOne({ _id: eventId, type, processedAt: new Date() });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
