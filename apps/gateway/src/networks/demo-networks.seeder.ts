import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import { DEMO_NETWORKS } from '@hub/demo-data';
import type { GatewayConfig } from '../gateway.config';
import { NetworkRepository } from './network.repository';

/** With DEMO_DATA=true, makes sure the demo networks exist. */
@Injectable()
export class DemoNetworksSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoNetworksSeeder.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
    private readonly networks: NetworkRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.DEMO_DATA) return;
    for (const { id, sender, ...network } of DEMO_NETWORKS) {
      await this.networks.ensure({
        _id: id,
        ...network,
        isPublic: true,
        branding: { logoUrl: null, accentColor: '#1d5a3b' },
        sender: { ...sender, replyTo: null, postalAddress: '' },
      });
    }
    this.logger.log(`demo networks ensured: ${DEMO_NETWORKS.length}`);
  }
}
