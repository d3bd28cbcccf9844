import { Module } from '@nestjs/common';
import { AudienceClientModule } from '../audience/audience-client.module';
import { NetworksModule } from '../networks/networks.module';
import { PagesModule } from '../pages/pages.module';
import { SubscriptionPagesController } from './subscription-pages.controller';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';

@Module({
  imports: [NetworksModule, AudienceClientModule, PagesModule],
  controllers: [SubscriptionsController, SubscriptionPagesController],
  providers: [SubscriptionsService],
})
export class SubscriptionsModule {}
