import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Delivery, DeliveryRetryClaim, DeliveryRetryClaimSchema, DeliverySchema } from './delivery.schema';
import { DeliveryRepository } from './delivery.repository';
import { StaleClaimsSweeper } from './stale-claims.sweeper';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Delivery.name, schema: DeliverySchema },
      { name: DeliveryRetryClaim.name, schema: DeliveryRetryClaimSchema },
    ]),
  ],
  providers: [DeliveryRepository, StaleClaimsSweeper],
  exports: [DeliveryRepository],
})
export class DeliveryLogModule {}
