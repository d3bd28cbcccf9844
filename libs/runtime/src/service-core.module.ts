import { DynamicModule, Module, Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import { AppConfigModule, kafkaEnv, mongoEnv, serviceEnv } from '@hub/config';
import { ErrorMappingFilter, INTERNAL_API_SECRET, InternalApiGuard } from '@hub/http';
import { MessagingModule } from '@hub/messaging';
import { ObservabilityModule } from '@hub/observability';
import { MongoModule, MongoOptions } from '@hub/persistence';
import { MongoConnectionWatchdog } from './mongo-connection.watchdog';

const coreEnv = z.object({ ...serviceEnv.shape, ...mongoEnv.shape, ...kafkaEnv.shape });
export type CoreConfig = z.infer<typeof coreEnv>;

export interface ServiceCoreOptions<C extends CoreConfig> {
  /** Names the database, the consumer group, the logger and the metrics. */
  service: string;
  config: C;
  /** Set for services behind the gateway: every route but health and metrics then needs the internal secret. */
  internalApiSecret?: string;
}

/** What every hub service is made of: validated config, logs/health/metrics, its own database, and Kafka. */
@Module({})
export class ServiceCoreModule {
  static forRoot<C extends CoreConfig>({ service, config, internalApiSecret }: ServiceCoreOptions<C>): DynamicModule {
    const mongo: MongoOptions = { url: config.MONGO_URL, database: `${config.MONGO_DB_PREFIX}${service}` };
    const providers: Provider[] = [
      { provide: APP_FILTER, useClass: ErrorMappingFilter },
      { provide: MongoConnectionWatchdog, inject: [getConnectionToken()], useFactory: (connection: Connection) => new MongoConnectionWatchdog(connection, mongo) },
    ];
    if (internalApiSecret) {
      providers.push({ provide: INTERNAL_API_SECRET, useValue: internalApiSecret }, { provide: APP_GUARD, useClass: InternalApiGuard });
    }
    return {
      module: ServiceCoreModule,
      imports: [
        AppConfigModule.forRoot(config),
        ObservabilityModule.forRoot({ service, level: config.LOG_LEVEL, pretty: config.LOG_PRETTY }),
        MongoModule.forRoot(mongo),
        MessagingModule.forRoot({
          service,
          brokers: config.KAFKA_BROKERS,
          topicPrefix: config.KAFKA_TOPIC_PREFIX,
          topicPartitions: config.KAFKA_TOPIC_PARTITIONS,
          handlerAttempts: config.KAFKA_HANDLER_ATTEMPTS,
          retryBackoffMs: config.KAFKA_RETRY_BACKOFF_MS,
          outboxPollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
          outboxFullSweepIntervalMs: config.OUTBOX_FULL_SWEEP_INTERVAL_MS,
        }),
      ],
      providers,
    };
  }
}
