import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { EventEnvelope } from '@hub/contracts';
import { outboxField, WithOutbox } from '@hub/messaging';
import type { Role } from '../auth/role';

/** An owner's invitation to coordinate a network: a single-use, expiring link sent by email. */
@Schema({ collection: 'invitations', versionKey: false })
export class Invitation implements WithOutbox {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  networkId!: string;

  @Prop({ required: true })
  email!: string;

  @Prop({ type: String, required: true })
  role!: Role;

  /** SHA-256 of the link's secret. */
  @Prop({ required: true, unique: true })
  tokenHash!: string;

  @Prop({ required: true })
  invitedBy!: string;

  @Prop({ required: true })
  createdAt!: Date;

  @Prop({ required: true })
  expiresAt!: Date;

  @Prop({ type: Date, default: null })
  acceptedAt!: Date | null;

  @Prop({ type: Date, default: null })
  revokedAt!: Date | null;

  @Prop(outboxField)
  outbox!: EventEnvelope[];
}

export const InvitationSchema = SchemaFactory.createForClass(Invitation);

/** The single use: one document per accepted invitation; a second acceptance fails on the unique _id. */
@Schema({ collection: 'invitation_acceptances', versionKey: false })
export class InvitationAcceptance {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  acceptedAt!: Date;
}

export const InvitationAcceptanceSchema = SchemaFactory.createForClass(InvitationAcceptance);
