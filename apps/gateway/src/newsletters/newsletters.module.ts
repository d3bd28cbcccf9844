import { Module } from '@nestjs/common';
import { NetworksModule } from '../networks/networks.module';
import { PagesModule } from '../pages/pages.module';
import { CampaignsClient } from './campaigns.client';
import { NewsletterArchiveController } from './newsletter-archive.controller';
import { NewslettersController } from './newsletters.controller';

@Module({
  imports: [NetworksModule, PagesModule],
  controllers: [NewslettersController, NewsletterArchiveController],
  providers: [CampaignsClient],
  exports: [CampaignsClient],
})
export class NewslettersModule {}
