import { Module } from '@nestjs/common';
import { AudienceClientModule } from '../audience/audience-client.module';
import { MailingListsController } from './mailing-lists.controller';

@Module({ imports: [AudienceClientModule], controllers: [MailingListsController] })
export class MailingListsModule {}
