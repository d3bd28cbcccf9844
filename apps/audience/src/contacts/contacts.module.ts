import { Module } from '@nestjs/common';
import { MailingListsModule } from '../mailing-lists/mailing-lists.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { SuppressionsModule } from '../suppressions/suppressions.module';
import { ContactsCsvController } from './contacts-csv.controller';
import { ContactsController } from './contacts.controller';
import { ContactsService } from './contacts.service';

@Module({
  imports: [SubscriptionsModule, MailingListsModule, SuppressionsModule],
  controllers: [ContactsController, ContactsCsvController],
  providers: [ContactsService],
})
export class ContactsModule {}
