import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A bounce or complaint of a message of a send, one document per report: `_id` is `${kind}:${deliveryId}`, so a
 * replayed event counts once, and nothing is incremented (increments are not atomic on FerretDB).
 */
@Schema({ collection: 'send_outcomes', versionKey: false })
export class SendOutcome {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  sendId!: string;

  @Prop({ type: String, required: true })
  kind!: 'bounced' | 'complained';

  @Prop({ type: Date, required: true })
  at!: Date;
}

export const SendOutcomeSchema = SchemaFactory.createForClass(SendOutcome);
