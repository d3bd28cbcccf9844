import { Module } from '@nestjs/common';
import { AudienceClientModule } from '../audience/audience-client.module';
import { NetworkSiteModule } from '../network-site/network-site.module';
import { NetworksModule } from '../networks/networks.module';
import { PagesModule } from '../pages/pages.module';
import { SchedulingClientModule } from '../scheduling/scheduling-client.module';
import { SubscribeEmbedController } from './subscribe-embed.controller';
import { SubscriptionPagesController } from './subscription-pages.controller';
import { SubscriptionsController } from './subscriptions.controller';
import { SignUpAnswerTiming } from './sign-up-answer-timing';
import { SignUpBotTrap } from './sign-up-bot-trap';
import { SubscriptionsService } from './subscriptions.service';

@Module({
  imports: [NetworksModule, AudienceClientModule, PagesModule, SchedulingClientModule, NetworkSiteModule],
  controllers: [SubscriptionsController, SubscriptionPagesController, SubscribeEmbedController],
  providers: [SubscriptionsService, SignUpBotTrap, SignUpAnswerTiming],
})
export class SubscriptionsModule {}
