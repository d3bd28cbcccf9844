import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Role } from '../auth/role';

/** A key for an integration: scoped to one network and one role, stored hashed, shown once, revocable. */
@Schema({ collection: 'api_keys', versionKey: false })
export class ApiKey {
  /** The public part of the key (`hub_<id>_<secret>`), used to find it. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  networkId!: string;

  @Prop({ required: true })
  name!: string;

  @Prop({ type: String, required: true })
  role!: Role;

  @Prop({ required: true })
  secretHash!: string;

  @Prop({ required: true })
  createdBy!: string;

  @Prop({ required: true })
  createdAt!: Date;

  @Prop({ type: Date, default: null })
  lastUsedAt!: Date | null;

  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;
}

export const ApiKeySchema = SchemaFactory.createForClass(ApiKey);
