import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { MailingListsModule } from '../mailing-lists/mailing-lists.module';
import { Contact, ContactSchema } from './contact.schema';
import { ContactRepository } from './contact.repository';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: Contact.name, schema: ContactSchema }]), MailingListsModule],
  controllers: [SubscriptionsController],
  providers: [ContactRepository, SubscriptionsService],
})
export class SubscriptionsModule {}
