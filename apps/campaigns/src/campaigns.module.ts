import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@hub/runtime';
import type { CampaignsConfig } from './campaigns.config';
import { NetworkProfilesModule } from './network-profiles/network-profiles.module';
import { NewslettersModule } from './newsletters/newsletters.module';

/** Newsletters, templates, sends and their statistics. */
@Module({})
export class CampaignsModule {
  static forRoot(config: CampaignsConfig): DynamicModule {
    return {
      module: CampaignsModule,
      imports: [
        ServiceCoreModule.forRoot({ service: 'campaigns', config, internalApiSecret: config.INTERNAL_API_SECRET }),
        NetworkProfilesModule,
        NewslettersModule,
      ],
    };
  }
}
