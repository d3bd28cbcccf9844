import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@hub/runtime';
import type { DeliveryConfig } from './delivery.config';
import { QueuesModule } from './queues/queues.module';
import { TransactionalMailModule } from './transactional-mail/transactional-mail.module';

/** Turns events into emails: queues, workers, the SMTP transport and the delivery log. */
@Module({})
export class DeliveryModule {
  static forRoot(config: DeliveryConfig): DynamicModule {
    return {
      module: DeliveryModule,
      imports: [
        ServiceCoreModule.forRoot({ service: 'delivery', config }),
        QueuesModule.forRoot({ redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX }),
        TransactionalMailModule,
      ],
    };
  }
}
