import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { EventEnvelope, Language } from '@hub/contracts';
import { outboxField, WithOutbox } from '@hub/messaging';
import type { ConsentEntry } from '../consent/consent-entry';

export type SubscriptionStatus = 'pending' | 'confirmed' | 'unsubscribed';

export interface ListSubscription {
  status: SubscriptionStatus;
  /** The double opt-in request this pending subscription waits on; a link of an older request cannot confirm it. */
  requestId: string | null;
  requestedAt: Date | null;
  confirmedAt: Date | null;
  unsubscribedAt?: Date | null;
}

/**
 * One person on one network's lists. Subscriptions are embedded, keyed by list id, so that a change of status and
 * the event announcing it are one single-document write.
 */
@Schema({ collection: 'contacts', timestamps: true, versionKey: false, minimize: false })
export class Contact implements WithOutbox {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  networkId!: string;

  /** Canonical form (see normalizeEmail). */
  @Prop({ required: true })
  email!: string;

  @Prop({ type: String, default: null })
  name!: string | null;

  @Prop({ type: String, required: true })
  language!: Language;

  /** One of the gateway's organisations (the person's municipality, county or region). */
  @Prop({ type: String, default: null })
  organisationId!: string | null;

  @Prop({ type: String, default: null })
  role!: string | null;

  /** Free key → string attributes (see contactAttributesSchema for the limits). */
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  attributes!: Record<string, string>;

  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  subscriptions!: Record<string, ListSubscription>;

  @Prop({ type: Date, default: null })
  lastConfirmationSentAt!: Date | null;

  /** Every opt-in and opt-out, appended in the same write as the change it records. */
  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] })
  consent!: ConsentEntry[];

  @Prop(outboxField)
  outbox!: EventEnvelope[];
}

export const ContactSchema = SchemaFactory.createForClass(Contact);
// One contact per address per network: concurrent subscribes of the same address race on this index, not on a read.
ContactSchema.index({ networkId: 1, email: 1 }, { unique: true });
