import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SchedulingSettingsController } from './scheduling-settings.controller';
import { SchedulingSettingsDocument, SchedulingSettingsSchema } from './scheduling-settings.schema';
import { SchedulingSettingsService } from './scheduling-settings.service';

/** Per-network settings: reminder offsets and the retention of registrations. */
@Module({
  imports: [MongooseModule.forFeature([{ name: SchedulingSettingsDocument.name, schema: SchedulingSettingsSchema }])],
  controllers: [SchedulingSettingsController],
  providers: [SchedulingSettingsService],
  exports: [SchedulingSettingsService],
})
export class SchedulingSettingsModule {}
