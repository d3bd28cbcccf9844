import { Module } from '@nestjs/common';
import { MailingListsModule } from '../mailing-lists/mailing-lists.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { SuppressionsModule } from '../suppressions/suppressions.module';
import { PreferencesController } from './preferences.controller';
import { PreferencesService } from './preferences.service';

@Module({
  imports: [SubscriptionsModule, MailingListsModule, SuppressionsModule],
  controllers: [PreferencesController],
  providers: [PreferencesService],
})
export class PreferencesModule {}
