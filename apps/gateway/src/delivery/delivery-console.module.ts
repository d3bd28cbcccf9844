import { Module } from '@nestjs/common';
import { DeliveryConsoleClient } from './delivery-console.client';
import { DeliveryConsoleController } from './delivery-console.controller';

@Module({ providers: [DeliveryConsoleClient], controllers: [DeliveryConsoleController], exports: [DeliveryConsoleClient] })
export class DeliveryConsoleModule {}
