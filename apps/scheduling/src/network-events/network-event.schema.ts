import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { EventEnvelope, EventQuestion, Language, NetworkEventKind, NetworkEventStatus, Venue } from '@hub/contracts';
import { outboxField, WithOutbox } from '@hub/messaging';

/**
 * A meeting, webinar or gathering of one network. Called "network event" in code so it is never mistaken for a Kafka
 * event. Times are UTC instants; `timeZone` is the zone it is planned in, for people and for reminders.
 */
@Schema({ collection: 'network_events', timestamps: true, versionKey: false, minimize: false })
export class NetworkEvent implements WithOutbox {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  networkId!: string;

  @Prop({ type: String, required: true })
  kind!: NetworkEventKind;

  @Prop({ type: String, required: true })
  status!: NetworkEventStatus;

  /** Per offered language; the keys are language codes, never '.' or '$'. */
  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  title!: Partial<Record<Language, string>>;

  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  description!: Partial<Record<Language, string>>;

  @Prop({ type: Date, required: true })
  startsAt!: Date;

  @Prop({ type: Date, required: true })
  endsAt!: Date;

  @Prop({ required: true })
  timeZone!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, default: null })
  venue!: Venue | null;

  @Prop({ type: String, default: null })
  joinUrl!: string | null;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  organiser!: { name: string; email: string };

  @Prop({ required: true })
  capacity!: number;

  @Prop({ type: Date, default: null })
  registrationOpensAt!: Date | null;

  @Prop({ type: Date, default: null })
  registrationClosesAt!: Date | null;

  @Prop({ type: String, required: true })
  visibility!: 'public' | 'members';

  @Prop({ required: true, default: false })
  approvalRequired!: boolean;

  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] })
  questions!: EventQuestion[];

  /** The calendar invite's SEQUENCE. */
  @Prop({ required: true, default: 0 })
  sequence!: number;

  @Prop({ type: Date, default: null })
  rescheduledAt!: Date | null;

  /** When the registrations' personal data was removed, the retention period after the end having passed. */
  @Prop({ type: Date, default: null })
  registrationsAnonymisedAt!: Date | null;

  /** Set on an occurrence of a series (see EventSeries). */
  @Prop({ type: String, default: null })
  seriesId!: string | null;

  /** The start the series' rule gave this occurrence; it stays when the occurrence is moved (RECURRENCE-ID). */
  @Prop({ type: Date, default: null })
  recurrenceId!: Date | null;

  @Prop(outboxField)
  outbox!: EventEnvelope[];
}

export const NetworkEventSchema = SchemaFactory.createForClass(NetworkEvent);
NetworkEventSchema.index({ networkId: 1, startsAt: 1 });
