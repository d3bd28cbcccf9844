import { Module } from '@nestjs/common';
import { AudienceClient } from './audience.client';

@Module({ providers: [AudienceClient], exports: [AudienceClient] })
export class AudienceClientModule {}
