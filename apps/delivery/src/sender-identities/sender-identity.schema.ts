import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** Who a network's mail comes from: delivery's read model of the gateway's network profile (`_id` = networkId). */
@Schema({ collection: 'sender_identities', versionKey: false })
export class SenderIdentity {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  networkName!: string;

  @Prop({ required: true })
  slug!: string;

  @Prop({ type: String, default: '' })
  fromName!: string;

  /** Empty until the owner sets one: mail then goes out from MAIL_FROM. */
  @Prop({ type: String, default: '' })
  fromAddress!: string;

  @Prop({ type: String, default: null })
  replyTo!: string | null;

  /** The profile's revision: a late, older profile never overwrites a newer one. */
  @Prop({ required: true })
  version!: number;
}

export const SenderIdentitySchema = SchemaFactory.createForClass(SenderIdentity);
