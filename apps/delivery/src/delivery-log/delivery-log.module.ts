import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SourceSummariesModule } from '../source-summaries/source-summaries.module';
import { ContactErasureHandler } from './contact-erasure.handler';
import { Delivery, DeliveryRetryClaim, DeliveryRetryClaimSchema, DeliverySchema } from './delivery.schema';
import { DeliveryRepository } from './delivery.repository';
import { StaleClaimsSweeper } from './stale-claims.sweeper';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Delivery.name, schema: DeliverySchema },
      { name: DeliveryRetryClaim.name, schema: DeliveryRetryClaimSchema },
    ]),
    SourceSummariesModule,
  ],
  controllers: [ContactErasureHandler],
  providers: [DeliveryRepository, StaleClaimsSweeper],
  exports: [DeliveryRepository],
})
export class DeliveryLogModule {}
