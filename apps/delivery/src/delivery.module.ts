import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@hub/runtime';
import type { DeliveryConfig } from './delivery.config';
import { QueuesModule } from './queues/queues.module';
import { BouncesModule } from './bounces/bounces.module';
import { SoftBounceResetsModule } from './bounces/soft-bounce-resets.module';
import { BulkMailModule } from './bulk-mail/bulk-mail.module';
import { SourceSummariesModule } from './source-summaries/source-summaries.module';
import { TransactionalMailModule } from './transactional-mail/transactional-mail.module';
import { UnknownsModule } from './unknowns/unknowns.module';

/** Turns events into emails: queues, workers, the SMTP transport and the delivery log. */
@Module({})
export class DeliveryModule {
  static forRoot(config: DeliveryConfig): DynamicModule {
    return {
      module: DeliveryModule,
      imports: [
        ServiceCoreModule.forRoot({ service: 'delivery', config, internalApiSecret: config.INTERNAL_API_SECRET }),
        QueuesModule.forRoot({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX }),
        TransactionalMailModule,
        BulkMailModule,
        SourceSummariesModule,
        UnknownsModule,
        BouncesModule,
        ...(config.BOUNCE_DOMAIN ? [SoftBounceResetsModule] : []),
      ],
    };
  }
}
