import { Module } from '@nestjs/common';
import { NetworksModule } from '../networks/networks.module';
import { SchedulingClientModule } from '../scheduling/scheduling-client.module';
import { ProgrammeController } from './programme.controller';

@Module({ imports: [NetworksModule, SchedulingClientModule], controllers: [ProgrammeController] })
export class ProgrammeModule {}
