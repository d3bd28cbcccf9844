import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { EventEnvelope } from '@hub/contracts';
import { outboxField, WithOutbox } from '@hub/messaging';

/**
 * sending: claimed, SMTP call in progress. sent / failed: final. deferred: a temporary failure, a retry will claim it
 * again. unknown: the process died during the SMTP call; never re-sent on its own, shown to coordinators instead.
 */
export type DeliveryStatus = 'sending' | 'sent' | 'deferred' | 'failed' | 'unknown';

/** One row per (source, recipient): the delivery log, and by its unique _id the claim that prevents a second send. */
@Schema({ collection: 'deliveries', versionKey: false })
export class Delivery implements WithOutbox {
  /** `${source}/${recipient}`: the same message to the same person can only ever be claimed once. */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  networkId!: string;

  /** What caused the message: an event id, or a newsletter send id. */
  @Prop({ required: true })
  source!: string;

  @Prop({ required: true })
  recipient!: string;

  @Prop({ required: true })
  queue!: string;

  @Prop({ required: true })
  kind!: string;

  @Prop({ type: String, required: true, index: true })
  status!: DeliveryStatus;

  @Prop({ required: true, default: 0 })
  attempt!: number;

  /** How often a temporary failure put the message back; each re-run claims `<id>#<deferrals>` before sending. */
  @Prop({ required: true, default: 0 })
  deferrals!: number;

  @Prop({ required: true })
  messageId!: string;

  @Prop({ type: String, default: null })
  smtpResponse!: string | null;

  @Prop({ required: true })
  claimedAt!: Date;

  @Prop({ type: Date, default: null })
  finishedAt!: Date | null;

  /** The job's data (ids, tokens; never a body): what a coordinator's resend of an unknown outcome queues again. */
  @Prop({ type: Object, default: null })
  job!: Record<string, unknown> | null;

  /** The claim id of the copy a coordinator resent of this unknown message, if any. */
  @Prop({ type: String, default: null })
  resentAs!: string | null;

  /** Bounces and complaints received about this message (the reports themselves are in delivery_feedback). */
  @Prop({ type: [Object], default: [] })
  feedback!: DeliveryFeedbackNote[];

  @Prop(outboxField)
  outbox!: EventEnvelope[];
}

export interface DeliveryFeedbackNote {
  kind: 'bounce' | 'complaint';
  /** For a bounce: whether it counted as hard (a soft one that completed a streak does). */
  hard: boolean | null;
  at: Date;
}

export const DeliverySchema = SchemaFactory.createForClass(Delivery);
DeliverySchema.index({ status: 1, claimedAt: 1 });

/** A retry's claim: one document per (delivery, deferral), so two copies of one retry cannot both send. */
@Schema({ collection: 'delivery_retry_claims', versionKey: false })
export class DeliveryRetryClaim {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  claimedAt!: Date;
}

export const DeliveryRetryClaimSchema = SchemaFactory.createForClass(DeliveryRetryClaim);
