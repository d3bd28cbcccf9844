import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * What a return-path token (or a Message-ID) stands for. Keyed by the short id inside the token, so resolving a
 * report is one `_id` lookup; written once per message, before it is sent.
 */
@Schema({ collection: 'return_paths', versionKey: false })
export class ReturnPathRecord {
  /** ReturnPathTokens.shortId(messageId). */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  deliveryId!: string;

  @Prop({ required: true })
  networkId!: string;

  @Prop({ required: true })
  source!: string;

  @Prop({ required: true })
  recipient!: string;

  @Prop({ required: true })
  messageId!: string;

  @Prop({ type: Date, required: true })
  createdAt!: Date;
}

export const ReturnPathRecordSchema = SchemaFactory.createForClass(ReturnPathRecord);
