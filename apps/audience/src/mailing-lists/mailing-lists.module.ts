import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DemoMailingListsSeeder } from './demo-mailing-lists.seeder';
import { MailingList, MailingListSchema } from './mailing-list.schema';
import { MailingListRepository } from './mailing-list.repository';
import { MailingListsController } from './mailing-lists.controller';
import { MailingListsService } from './mailing-lists.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: MailingList.name, schema: MailingListSchema }])],
  controllers: [MailingListsController],
  providers: [MailingListRepository, MailingListsService, DemoMailingListsSeeder],
  exports: [MailingListRepository],
})
export class MailingListsModule {}
