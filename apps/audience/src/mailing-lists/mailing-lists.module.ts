import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DemoMailingListsSeeder } from './demo-mailing-lists.seeder';
import { MailingList, MailingListSchema } from './mailing-list.schema';
import { MailingListRepository } from './mailing-list.repository';
import { MailingListsController } from './mailing-lists.controller';

@Module({
  imports: [MongooseModule.forFeature([{ name: MailingList.name, schema: MailingListSchema }])],
  controllers: [MailingListsController],
  providers: [MailingListRepository, DemoMailingListsSeeder],
  exports: [MailingListRepository],
})
export class MailingListsModule {}
