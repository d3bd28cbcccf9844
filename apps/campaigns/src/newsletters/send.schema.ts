import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { Language, NetworkProfilePayload, NewsletterAudienceFilter, NewsletterIssue } from '@hub/contracts';

export interface FanOutProgress {
  /** The whole audience has been stored and queued once. */
  snapshotDone: boolean;
  /** Recipients stored so far by the snapshot pass in hand; final once `snapshotDone`. */
  recipients: number;
  /** The resume this fan-out belongs to (Newsletter.resumes); a newer resume queues everyone again. */
  pass: number;
  /** After a resume: the stored snapshot is being queued again. */
  replaying: boolean;
}

/**
 * A send of a newsletter: what goes out (issues and the network profile, frozen at the start, so an edit or a new
 * logo halfway does not give two versions), and how far the fan-out has got. The real send's id is the newsletter's
 * id, so inserting it is the claim that starts the newsletter exactly once; test sends get their own ids.
 */
@Schema({ collection: 'sends', timestamps: true, versionKey: false, minimize: false })
export class Send {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  networkId!: string;

  @Prop({ required: true })
  newsletterId!: string;

  @Prop({ required: true })
  test!: boolean;

  @Prop({ type: [String], required: true })
  listIds!: string[];

  /** Narrows the lists' audience; frozen with the rest, so every pass of the snapshot asks for the same people. */
  @Prop({ type: MongooseSchema.Types.Mixed, default: null })
  audienceFilter!: NewsletterAudienceFilter | null;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  issues!: Partial<Record<Language, NewsletterIssue>>;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  profile!: NetworkProfilePayload;

  /** Subscriptions confirmed after this instant are not in the snapshot. */
  @Prop({ type: Date, required: true })
  snapshotAt!: Date;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  progress!: FanOutProgress;
}

export const SendSchema = SchemaFactory.createForClass(Send);
