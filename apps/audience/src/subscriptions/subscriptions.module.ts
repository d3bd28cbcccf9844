import { ConfirmationRequestRepository } from './confirmation-request.repository';
import { ConfirmationRequest, ConfirmationRequestCompletion, ConfirmationRequestCompletionSchema, ConfirmationRequestSchema } from './confirmation-request.schema';
import { ConfirmationRequestSweeper } from './confirmation-request.sweeper';
import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { APP_CONFIG } from '@hub/config';
import type { AudienceConfig } from '../audience.config';
import { ConsentModule } from '../consent/consent.module';
import { MailingListsModule } from '../mailing-lists/mailing-lists.module';
import { SuppressionsModule } from '../suppressions/suppressions.module';
import { ContactAddress, ContactAddressSchema } from './contact-address.schema';
import { Contact, ContactSchema } from './contact.schema';
import { ContactRepository } from './contact.repository';
import { LinkTokens } from './link-tokens';
import { SubscriptionsController } from './subscriptions.controller';
import { SubscriptionsService } from './subscriptions.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Contact.name, schema: ContactSchema },
      { name: ContactAddress.name, schema: ContactAddressSchema },
      { name: ConfirmationRequest.name, schema: ConfirmationRequestSchema },
      { name: ConfirmationRequestCompletion.name, schema: ConfirmationRequestCompletionSchema },
    ]),
    MailingListsModule,
    SuppressionsModule,
    ConsentModule,
  ],
  controllers: [SubscriptionsController],
  providers: [
    ContactRepository,
    ConfirmationRequestRepository,
    SubscriptionsService,
    ConfirmationRequestSweeper,
    { provide: LinkTokens, useFactory: (config: AudienceConfig) => new LinkTokens(config.LINK_SIGNING_SECRET), inject: [APP_CONFIG] },
  ],
  exports: [ContactRepository, SubscriptionsService, LinkTokens],
})
export class SubscriptionsModule {}
