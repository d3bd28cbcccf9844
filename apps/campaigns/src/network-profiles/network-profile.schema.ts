import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { NetworkProfilePayload } from '@hub/contracts';

/** The gateway's network profile as last announced (`gateway.network.updated`): zone, languages, sender, branding. */
@Schema({ collection: 'network_profiles', timestamps: true, versionKey: false, minimize: false })
export class NetworkProfile {
  /** The network id. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  revision!: number;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  profile!: NetworkProfilePayload;
}

export const NetworkProfileSchema = SchemaFactory.createForClass(NetworkProfile);
