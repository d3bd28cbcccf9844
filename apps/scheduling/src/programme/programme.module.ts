import { Module } from '@nestjs/common';
import { NetworkEventsModule } from '../network-events/network-events.module';
import { SchedulingSettingsModule } from '../settings/scheduling-settings.module';
import { ProgrammeController } from './programme.controller';
import { ProgrammePlanner } from './programme-planner';
import { ProgrammeService } from './programme.service';

/** The yearly programme planner: meeting and gathering proposals around the country's holidays, and accepting them. */
@Module({ imports: [NetworkEventsModule, SchedulingSettingsModule], controllers: [ProgrammeController], providers: [ProgrammePlanner, ProgrammeService] })
export class ProgrammeModule {}
