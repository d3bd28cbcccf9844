import { Module } from '@nestjs/common';
import { SchedulingClient } from './scheduling.client';

@Module({ providers: [SchedulingClient], exports: [SchedulingClient] })
export class SchedulingClientModule {}
