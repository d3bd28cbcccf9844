import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ConsentModule } from '../consent/consent.module';
import { MailingListsModule } from '../mailing-lists/mailing-lists.module';
import { SubscriptionsModule } from '../subscriptions/subscriptions.module';
import { ContactImport, ContactImportClaim, ContactImportClaimSchema, ContactImportSchema } from './contact-import.schema';
import { ContactImportRepository } from './contact-import.repository';
import { ContactImportsController } from './contact-imports.controller';
import { ContactImportsService } from './contact-imports.service';
import { SuppressedAddressesReader } from './suppressed-addresses.reader';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ContactImport.name, schema: ContactImportSchema },
      { name: ContactImportClaim.name, schema: ContactImportClaimSchema },
    ]),
    SubscriptionsModule,
    MailingListsModule,
    ConsentModule,
  ],
  controllers: [ContactImportsController],
  providers: [ContactImportRepository, ContactImportsService, SuppressedAddressesReader],
})
export class ContactImportsModule {}
