import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import { createHash } from 'node:crypto';
import type { EventEnvelope, Language, RegistrationStatus } from '@hub/contracts';
import { outboxField, WithOutbox } from '@hub/messaging';

/**
 * The id derives from the event and the canonical address (see registrationIdOf), so a second registration of the
 * same address, even a concurrent one, collides on `_id` and finds the first. Lookups by `_id` are also the ones
 * FerretDB answers without reading the whole collection, which keeps a registration burst fast.
 */
@Schema({ collection: 'registrations', timestamps: true, versionKey: false, minimize: false })
export class Registration implements WithOutbox {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  networkId!: string;

  @Prop({ required: true })
  eventId!: string;

  /** Canonical form (see normalizeEmail). */
  @Prop({ required: true })
  email!: string;

  @Prop({ required: true })
  name!: string;

  @Prop({ default: '' })
  organisation!: string;

  @Prop({ type: String, required: true })
  language!: Language;

  /** Keyed by question id (lower-case letters, digits and '-'). */
  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  answers!: Record<string, string | boolean>;

  @Prop({ type: String, required: true })
  status!: RegistrationStatus;

  @Prop({ type: Number, default: null })
  seat!: number | null;

  /** The place in the waitlist: earlier first. */
  @Prop({ type: Date, required: true })
  queuedAt!: Date;

  @Prop({ type: Date, required: true })
  registeredAt!: Date;

  @Prop({ type: Date, default: null })
  cancelledAt!: Date | null;

  @Prop({ type: Date, default: null })
  attendedAt!: Date | null;

  /** Set once the personal data is gone (retention or erasure); status, seat and attendance stay for the counts. */
  @Prop({ type: Date, default: null })
  anonymisedAt!: Date | null;

  @Prop(outboxField)
  outbox!: EventEnvelope[];
}

export const RegistrationSchema = SchemaFactory.createForClass(Registration);
RegistrationSchema.index({ eventId: 1, status: 1, queuedAt: 1 });

export function registrationIdOf(eventId: string, email: string): string {
  return createHash('sha256').update(`${eventId}\n${email}`).digest('base64url').slice(0, 32);
}
