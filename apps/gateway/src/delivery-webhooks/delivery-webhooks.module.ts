import { Module } from '@nestjs/common';
import { DeliveryWebhooksController } from './delivery-webhooks.controller';
import { DeliveryClient } from './delivery.client';

@Module({ controllers: [DeliveryWebhooksController], providers: [DeliveryClient] })
export class DeliveryWebhooksModule {}
