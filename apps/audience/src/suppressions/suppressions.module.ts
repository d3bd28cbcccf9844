import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ConsentModule } from '../consent/consent.module';
import { DeliveryOutcomesHandler } from './delivery-outcomes.handler';
import { Suppression, SuppressionSchema } from './suppression.schema';
import { SuppressionRepository } from './suppression.repository';
import { SuppressionsService } from './suppressions.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: Suppression.name, schema: SuppressionSchema }]), ConsentModule],
  controllers: [DeliveryOutcomesHandler],
  providers: [SuppressionRepository, SuppressionsService],
  exports: [SuppressionsService],
})
export class SuppressionsModule {}
