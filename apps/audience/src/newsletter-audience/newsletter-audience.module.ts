import { Module } from '@nestjs/common';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { SuppressionsModule } from '../suppressions/suppressions.module';
import { NewsletterAudienceController } from './newsletter-audience.controller';
import { NewsletterAudienceService } from './newsletter-audience.service';

/** Who a newsletter goes to, for campaigns' snapshot. */
@Module({
  imports: [SubscriptionsModule, SuppressionsModule],
  controllers: [NewsletterAudienceController],
  providers: [NewsletterAudienceService],
})
export class NewsletterAudienceModule {}
