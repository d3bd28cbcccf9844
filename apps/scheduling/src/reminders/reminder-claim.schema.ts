import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { EventEnvelope } from '@hub/contracts';
import { outboxField, WithOutbox } from '@hub/messaging';

/**
 * One reminder sent: `_id` is "<registrationId>/<offset>/<start in ms>", so however many sweepers run, and however
 * often, a registration gets each reminder once for a given start; an event that moves is reminded of afresh at its
 * new time. The `scheduling.reminder.due` event rides in the same insert.
 */
@Schema({ collection: 'reminder_claims', versionKey: false })
export class ReminderClaim implements WithOutbox {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  networkId!: string;

  @Prop({ required: true })
  eventId!: string;

  @Prop({ required: true })
  registrationId!: string;

  @Prop({ required: true })
  offset!: string;

  @Prop({ type: Date, required: true })
  dueAt!: Date;

  @Prop({ type: Date, required: true })
  claimedAt!: Date;

  @Prop(outboxField)
  outbox!: EventEnvelope[];
}

export const ReminderClaimSchema = SchemaFactory.createForClass(ReminderClaim);
