import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@hub/runtime';
import { EventSeriesModule } from './event-series/event-series.module';
import { NetworkEventsModule } from './network-events/network-events.module';
import { ProgrammeModule } from './programme/programme.module';
import { RemindersModule } from './reminders/reminders.module';
import { RetentionModule } from './retention/retention.module';
import { SchedulingSettingsModule } from './settings/scheduling-settings.module';
import type { SchedulingConfig } from './scheduling.config';

/** Events (network meetings, webinars, gatherings), registrations, waitlists and reminders. */
@Module({})
export class SchedulingModule {
  static forRoot(config: SchedulingConfig): DynamicModule {
    return {
      module: SchedulingModule,
      imports: [
        ServiceCoreModule.forRoot({ service: 'scheduling', config, internalApiSecret: config.INTERNAL_API_SECRET }),
        NetworkEventsModule,
        EventSeriesModule,
        RemindersModule,
        ProgrammeModule,
        SchedulingSettingsModule,
        RetentionModule,
      ],
    };
  }
}
