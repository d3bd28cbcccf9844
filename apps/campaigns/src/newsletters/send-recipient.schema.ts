import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { Language } from '@hub/contracts';

/** One person in a send's snapshot. `_id` is `${sendId}:${contactId}`, so storing a page again adds nobody twice. */
@Schema({ collection: 'send_recipients', versionKey: false })
export class SendRecipient {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  sendId!: string;

  @Prop({ required: true })
  contactId!: string;

  @Prop({ required: true })
  email!: string;

  @Prop({ type: String, required: true })
  language!: Language;

  /** The send's lists this person was confirmed on at the start; leaving all of them skips them. */
  @Prop({ type: [String], required: true })
  listIds!: string[];

  @Prop({ required: true })
  preferencesToken!: string;

  @Prop({ required: true })
  unsubscribeToken!: string;

  /** Unsubscribed after the start: not added to the queue (again). */
  @Prop({ required: true, default: false })
  skipped!: boolean;
}

export const SendRecipientSchema = SchemaFactory.createForClass(SendRecipient);

export function sendRecipientId(sendId: string, contactId: string): string {
  return `${sendId}:${contactId}`;
}
