import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { EventEnvelope, Language, NewsletterAudienceFilter, NewsletterIssue, NewsletterState, NewsletterStatistics } from '@hub/contracts';
import { outboxField, WithOutbox } from '@hub/messaging';

/**
 * One newsletter of one network and its single real send. Only coordinators' actions, the scheduler and the
 * completion check write it (rarely); the fan-out's frequent progress writes go to the Send document, because
 * FerretDB's updates are not atomic and a progress write could otherwise undo a pause.
 */
@Schema({ collection: 'newsletters', timestamps: true, versionKey: false, minimize: false })
export class Newsletter implements WithOutbox {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  networkId!: string;

  @Prop({ type: [String], required: true })
  listIds!: string[];

  /** Per written language; keys are language codes. */
  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  issues!: Partial<Record<Language, NewsletterIssue>>;

  @Prop({ type: String, required: true })
  state!: NewsletterState;

  /** Given with schedule or send; the send copies it when it starts. */
  @Prop({ type: MongooseSchema.Types.Mixed, default: null })
  audienceFilter!: NewsletterAudienceFilter | null;

  @Prop({ type: Date, default: null })
  sendAt!: Date | null;

  @Prop({ type: String, default: null })
  sendId!: string | null;

  /** Bumped by every resume: the fan-out then replays the snapshot from the start. */
  @Prop({ required: true, default: 0 })
  resumes!: number;

  @Prop({ type: Date, default: null })
  startedAt!: Date | null;

  @Prop({ type: Date, default: null })
  completedAt!: Date | null;

  /** Every list was public when the send started: the newsletter then appears in the public archive. */
  @Prop({ required: true, default: false })
  publicArchive!: boolean;

  @Prop({ type: Number, default: null })
  recipients!: number | null;

  /** Frozen at completion, from delivery's summary. */
  @Prop({ type: MongooseSchema.Types.Mixed, default: null })
  finalCounts!: Omit<NewsletterStatistics, 'bounced' | 'complained' | 'unsubscribed' | 'audienceFilter'> | null;

  @Prop(outboxField)
  outbox!: EventEnvelope[];

  createdAt!: Date;
  updatedAt!: Date;
}

export const NewsletterSchema = SchemaFactory.createForClass(Newsletter);
