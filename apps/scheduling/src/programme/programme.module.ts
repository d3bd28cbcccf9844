import { Module } from '@nestjs/common';
import { ProgrammeController } from './programme.controller';
import { ProgrammePlanner } from './programme-planner';

/** The yearly programme planner: meeting and gathering proposals around the country's holidays. */
@Module({ controllers: [ProgrammeController], providers: [ProgrammePlanner] })
export class ProgrammeModule {}
