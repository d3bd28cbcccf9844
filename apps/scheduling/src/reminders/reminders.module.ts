import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NetworkEventsModule } from '../network-events/network-events.module';
import { SchedulingSettingsModule } from '../settings/scheduling-settings.module';
import { ReminderClaim, ReminderClaimSchema } from './reminder-claim.schema';
import { ReminderClaimRepository } from './reminder-claim.repository';
import { RemindersSweeper } from './reminders.sweeper';

/** Reminders before each event, at offsets computed in the event's own time zone. */
@Module({
  imports: [MongooseModule.forFeature([{ name: ReminderClaim.name, schema: ReminderClaimSchema }]), NetworkEventsModule, SchedulingSettingsModule],
  providers: [ReminderClaimRepository, RemindersSweeper],
  exports: [ReminderClaimRepository],
})
export class RemindersModule {}
