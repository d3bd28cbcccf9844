import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';

/** Who changed what in a network, when and from where. Written for every successful change a coordinator or key makes. */
@Schema({ collection: 'audit_log', versionKey: false })
export class AuditEntry {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  networkId!: string;

  @Prop({ type: Object, required: true })
  actor!: { kind: 'coordinator' | 'api-key'; id: string; label: string };

  /** Method and route pattern, e.g. "PATCH /api/v1/coordinators/:accountId". */
  @Prop({ required: true })
  action!: string;

  /** The route parameters: which resource was changed. */
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  target!: Record<string, string>;

  @Prop({ required: true })
  status!: number;

  @Prop({ required: true })
  at!: Date;

  @Prop({ type: String, default: null })
  ip!: string | null;

  @Prop({ type: String, default: null })
  userAgent!: string | null;
}

export const AuditEntrySchema = SchemaFactory.createForClass(AuditEntry);
AuditEntrySchema.index({ networkId: 1, at: -1, _id: -1 });
