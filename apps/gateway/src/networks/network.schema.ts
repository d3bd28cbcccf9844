import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { LANGUAGES, type EventEnvelope, type Language } from '@hub/contracts';
import { outboxField, WithOutbox } from '@hub/messaging';

/** A network is the hub's tenant: every list, event and newsletter belongs to exactly one. */
@Schema({ collection: 'networks', timestamps: true, versionKey: false })
export class Network implements WithOutbox {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, unique: true })
  slug!: string;

  @Prop({ required: true })
  name!: string;

  @Prop({ required: true, enum: ['NO', 'SE', 'DK', 'FI'] })
  country!: 'NO' | 'SE' | 'DK' | 'FI';

  @Prop({ type: String, required: true, enum: LANGUAGES })
  defaultLanguage!: Language;

  @Prop({ type: [String], required: true, enum: LANGUAGES })
  languages!: Language[];

  @Prop({ required: true })
  timeZone!: string;

  @Prop({ default: '' })
  description!: string;

  @Prop({ required: true, default: true })
  isPublic!: boolean;

  @Prop({ type: Object, default: () => ({ logoUrl: null, accentColor: '#1d5a3b' }) })
  branding!: { logoUrl: string | null; accentColor: string };

  /** Who newsletters and invitations come from, and the postal address newsletter footers must carry. */
  @Prop({ type: Object, default: () => ({ fromName: '', fromAddress: '', replyTo: null, postalAddress: '' }) })
  sender!: { fromName: string; fromAddress: string; replyTo: string | null; postalAddress: string };

  /** Counts settings changes; carried by gateway.network.updated so consumers can drop a late, older profile. */
  @Prop({ required: true, default: 0 })
  revision!: number;

  @Prop(outboxField)
  outbox!: EventEnvelope[];
}

export const NetworkSchema = SchemaFactory.createForClass(Network);
