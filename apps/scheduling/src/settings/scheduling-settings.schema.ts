import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { ProgrammeSettings } from '@hub/contracts';

/** One network's scheduling settings; `_id` is the network id. A network without a document has the defaults. */
@Schema({ collection: 'scheduling_settings', timestamps: true, versionKey: false })
export class SchedulingSettingsDocument {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: [String], required: true })
  reminderOffsets!: string[];

  @Prop({ required: true })
  retentionDays!: number;

  @Prop({ type: MongooseSchema.Types.Mixed, default: null })
  planner!: ProgrammeSettings | null;
}

export const SchedulingSettingsSchema = SchemaFactory.createForClass(SchedulingSettingsDocument);
