import { Module } from '@nestjs/common';
import { DeliveryLogModule } from '../delivery-log/delivery-log.module';
import { UnknownDeliveriesController } from './unknown-deliveries.controller';
import { UnknownDeliveriesService } from './unknown-deliveries.service';

@Module({ imports: [DeliveryLogModule], controllers: [UnknownDeliveriesController], providers: [UnknownDeliveriesService] })
export class UnknownsModule {}
