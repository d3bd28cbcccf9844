import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A bounce or complaint of a message of a send, one document per report: `_id` is `${kind}:${deliveryId}`, so a
 * replayed event counts once, and nothing is incremented (increments are not atomic on FerretDB). A recipient who
 * left through the send's links is `unsubscribed:${sendId}:${contactId}`: once per person, however often they leave.
 */
@Schema({ collection: 'send_outcomes', versionKey: false })
export class SendOutcome {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  sendId!: string;

  @Prop({ type: String, required: true })
  kind!: 'bounced' | 'complained' | 'unsubscribed';

  @Prop({ type: Date, required: true })
  at!: Date;
}

export const SendOutcomeSchema = SchemaFactory.createForClass(SendOutcome);
