import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { ConsentSource, Language } from '@hub/contracts';

/**
 * One confirmation email per (contact, subscription state, window), claimed by inserting this document: the contact's
 * own lastConfirmationSentAt cannot guard concurrent requests, since each reads it before any writes it. It also
 * keeps what the request asked for, so that a request whose process died between this claim and the contact's
 * update is completed by ConfirmationRequestSweeper instead of being held back until the window ends.
 */
@Schema({ collection: 'confirmation_requests', versionKey: false })
export class ConfirmationRequest {
  /** `${contactId}:${hash of the wanted lists' subscription state}:${window index}` */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  requestedAt!: Date;

  @Prop({ type: String, required: true })
  contactId!: string;

  @Prop({ type: [String], required: true })
  listIds!: string[];

  @Prop({ type: String, default: null })
  name!: string | null;

  @Prop({ type: String, required: true })
  language!: Language;

  /** Kept for the minute the claim lives; the consent log stores only the IP's hash. */
  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  source!: ConsentSource;
}

export const ConfirmationRequestSchema = SchemaFactory.createForClass(ConfirmationRequest);

/** Claims the completion of an interrupted request, so that two sweepers complete it once. */
@Schema({ collection: 'confirmation_request_completions', versionKey: false })
export class ConfirmationRequestCompletion {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  completedAt!: Date;
}

export const ConfirmationRequestCompletionSchema = SchemaFactory.createForClass(ConfirmationRequestCompletion);
