import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { DeliveryLogModule } from '../delivery-log/delivery-log.module';
import { SourceSummariesModule } from '../source-summaries/source-summaries.module';
import { BounceMailboxServer } from './bounce-mailbox.server';
import { DeliveryFeedbackController } from './delivery-feedback.controller';
import { DeliveryFeedback, DeliveryFeedbackSchema, SoftBounceStreak, SoftBounceStreakSchema } from './delivery-feedback.schema';
import { DeliveryFeedbackRepository } from './delivery-feedback.repository';
import { DeliveryFeedbackService } from './delivery-feedback.service';
import { ReturnPathRecord, ReturnPathRecordSchema } from './return-path.schema';
import { ReturnPathRepository } from './return-path.repository';
import { ReturnPath } from './return-path.service';
import { ReturnPathSweeper } from './return-path.sweeper';
import { SoftBounceStreaks } from './soft-bounce-streaks';

/**
 * Bounces and complaints: the VERP return path every message is sent with, the inbound SMTP endpoint and the webhook
 * that receive reports about those messages, and the soft-bounce streaks. Exports ReturnPath for the sender.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ReturnPathRecord.name, schema: ReturnPathRecordSchema },
      { name: DeliveryFeedback.name, schema: DeliveryFeedbackSchema },
      { name: SoftBounceStreak.name, schema: SoftBounceStreakSchema },
    ]),
    DeliveryLogModule,
    SourceSummariesModule,
  ],
  controllers: [DeliveryFeedbackController],
  providers: [ReturnPathRepository, ReturnPath, ReturnPathSweeper, DeliveryFeedbackRepository, SoftBounceStreaks, DeliveryFeedbackService, BounceMailboxServer],
  exports: [ReturnPath, SoftBounceStreaks],
})
export class BouncesModule {}
