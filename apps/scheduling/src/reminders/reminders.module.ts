import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NetworkEventsModule } from '../network-events/network-events.module';
import { ReminderClaim, ReminderClaimSchema } from './reminder-claim.schema';
import { ReminderClaimRepository } from './reminder-claim.repository';
import { RemindersSweeper } from './reminders.sweeper';

/** Reminders before each event, at offsets computed in the event's own time zone. */
@Module({
  imports: [MongooseModule.forFeature([{ name: ReminderClaim.name, schema: ReminderClaimSchema }]), NetworkEventsModule],
  providers: [ReminderClaimRepository, RemindersSweeper],
})
export class RemindersModule {}
