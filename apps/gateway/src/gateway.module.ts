import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@hub/runtime';
import type { GatewayConfig } from './gateway.config';
import { NetworksModule } from './networks/networks.module';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';

/** The hub's front door: public pages, the REST API, and the networks (tenants) themselves. */
@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [ServiceCoreModule.forRoot({ service: 'gateway', config }), NetworksModule, SubscriptionsModule],
    };
  }
}
