import { Module } from '@nestjs/common';
import { AudienceClientModule } from '../audience/audience-client.module';
import { ContactImportsController } from './contact-imports.controller';
import { ContactsCsvController } from './contacts-csv.controller';
import { ContactsController } from './contacts.controller';

@Module({ imports: [AudienceClientModule], controllers: [ContactsCsvController, ContactImportsController, ContactsController] })
export class ContactsModule {}
