import { DynamicModule, Module, OnModuleInit } from '@nestjs/common';
import { InjectConnection, MongooseModule } from '@nestjs/mongoose';
import type { Connection, ConnectOptions } from 'mongoose';
import { ReadinessRegistry } from '@hub/observability';
import { settleWritesOnClosedConnections } from './driver-write-guard';

export interface MongoOptions {
  url: string;
  /** The database this service owns; no service reads another's. */
  database: string;
}

/** The driver options every service connects with (also when MongoConnectionWatchdog reopens the connection). */
export function mongoConnectOptions(options: MongoOptions): ConnectOptions {
  return {
    dbName: options.database,
    // Indexes are part of correctness here (unique claims), so repositories await them at start-up instead.
    autoIndex: false,
    serverSelectionTimeoutMS: 10_000,
    retryWrites: false,
  };
}

@Module({})
export class MongoModule implements OnModuleInit {
  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly readiness: ReadinessRegistry,
  ) {}

  static forRoot(options: MongoOptions): DynamicModule {
    settleWritesOnClosedConnections();
    return {
      module: MongoModule,
      imports: [
        MongooseModule.forRoot(options.url, mongoConnectOptions(options)),
      ],
    };
  }

  onModuleInit(): void {
    this.readiness.register('mongodb', async () => {
      await this.connection.db!.admin().ping();
    });
  }
}
