import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { Role } from '../auth/role';

/** A person who runs one or more networks; roles are per network, keyed by network id. */
@Schema({ collection: 'coordinator_accounts', timestamps: true, versionKey: false, minimize: false })
export class CoordinatorAccount {
  @Prop({ type: String, required: true })
  _id!: string;

  /** Canonical form (see normalizeEmail); one account per address. */
  @Prop({ required: true, unique: true })
  email!: string;

  @Prop({ required: true })
  name!: string;

  @Prop({ type: String, default: null })
  passwordHash!: string | null;

  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  roles!: Record<string, Role>;

  @Prop({ type: Date, default: null })
  lastSignInAt!: Date | null;
}

export const CoordinatorAccountSchema = SchemaFactory.createForClass(CoordinatorAccount);
