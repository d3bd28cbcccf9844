import { Module } from '@nestjs/common';
import { NetworkEventsModule } from '../network-events/network-events.module';
import { RemindersModule } from '../reminders/reminders.module';
import { SchedulingSettingsModule } from '../settings/scheduling-settings.module';
import { ContactErasureHandler } from './contact-erasure.handler';
import { RegistrationAnonymiser } from './registration-anonymiser';
import { RetentionSweeper } from './retention.sweeper';

/** Personal data of registrations: anonymised after the network's retention period, or at once on erasure. */
@Module({
  imports: [NetworkEventsModule, RemindersModule, SchedulingSettingsModule],
  controllers: [ContactErasureHandler],
  providers: [RegistrationAnonymiser, RetentionSweeper],
})
export class RetentionModule {}
