import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One confirmation email per (contact, subscription state, window), claimed by inserting this document: the contact's
 * own lastConfirmationSentAt cannot guard concurrent requests, since each reads it before any writes it.
 */
@Schema({ collection: 'confirmation_requests', versionKey: false })
export class ConfirmationRequest {
  /** `${contactId}:${hash of the wanted lists' subscription state}:${window index}` */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  requestedAt!: Date;
}

export const ConfirmationRequestSchema = SchemaFactory.createForClass(ConfirmationRequest);
