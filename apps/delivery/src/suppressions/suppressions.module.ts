import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SuppressedAddress, SuppressedAddressSchema } from './suppressed-address.schema';
import { SuppressionEventsHandler } from './suppression-events.handler';
import { SuppressionRepository } from './suppression.repository';

@Module({
  imports: [MongooseModule.forFeature([{ name: SuppressedAddress.name, schema: SuppressedAddressSchema }])],
  controllers: [SuppressionEventsHandler],
  providers: [SuppressionRepository],
  exports: [SuppressionRepository],
})
export class SuppressionsModule {}
