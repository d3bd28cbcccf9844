import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { EventEnvelope } from '@hub/contracts';
import { outboxField, WithOutbox } from '@hub/messaging';

export type FeedbackKind = 'bounce' | 'complaint';

/**
 * One received bounce or complaint report. The `_id` (`<kind>:<deliveryId>:<report fingerprint>`) is the claim: the
 * same report delivered twice (an MTA retrying, a webhook re-sent) inserts once, so its event leaves once.
 */
@Schema({ collection: 'delivery_feedback', versionKey: false })
export class DeliveryFeedback implements WithOutbox {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  kind!: FeedbackKind;

  @Prop({ required: true })
  deliveryId!: string;

  @Prop({ required: true })
  networkId!: string;

  @Prop({ type: String, required: true })
  via!: 'dsn' | 'arf' | 'webhook';

  @Prop({ type: Boolean, default: null })
  hard!: boolean | null;

  @Prop({ type: String, default: null })
  status!: string | null;

  @Prop({ type: String, default: null })
  feedbackType!: string | null;

  @Prop({ type: String, default: '' })
  diagnostic!: string;

  @Prop({ type: Date, required: true })
  receivedAt!: Date;

  @Prop(outboxField)
  outbox!: EventEnvelope[];
}

export const DeliveryFeedbackSchema = SchemaFactory.createForClass(DeliveryFeedback);

/**
 * Soft bounces in a row for one (network, address). `sendsSinceBounce` counts messages sent to the address since the
 * last soft bounce: when more than the one now bouncing went out, one of them got through and the streak restarts.
 */
@Schema({ collection: 'soft_bounce_streaks', versionKey: false })
export class SoftBounceStreak {
  /** `${networkId}/${recipient}` */
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  count!: number;

  @Prop({ required: true, default: 0 })
  sendsSinceBounce!: number;

  /** The deliveries counted in this streak: a delay notice and the later failure of one message count once. */
  @Prop({ type: [String], default: [] })
  deliveryIds!: string[];

  @Prop({ type: Date, required: true })
  updatedAt!: Date;
}

export const SoftBounceStreakSchema = SchemaFactory.createForClass(SoftBounceStreak);
