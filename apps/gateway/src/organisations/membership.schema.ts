import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const MEMBERSHIP_STATUSES = ['member', 'observer'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/**
 * An organisation's part in one network. Memberships are tenant data (each belongs to one network and its
 * coordinators), organisations are not, so they live in their own collection rather than in an array on the
 * organisation: a network's writes never touch a document another network writes too (FerretDB's updates are
 * read-modify-write), and the unique index below can keep an organisation from joining a network twice.
 *
 * Dates are calendar dates (YYYY-MM-DD), not instants: joining on 1 January is that day in every time zone, and
 * the strings sort in date order.
 */
@Schema({ collection: 'memberships', timestamps: true, versionKey: false })
export class Membership {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  networkId!: string;

  @Prop({ required: true })
  organisationId!: string;

  @Prop({ type: String, required: true, enum: MEMBERSHIP_STATUSES })
  status!: MembershipStatus;

  @Prop({ required: true })
  joinedOn!: string;

  /** The last day of an observer's observation; null for a member. */
  @Prop({ type: String, default: null })
  observerUntil!: string | null;
}

export const MembershipSchema = SchemaFactory.createForClass(Membership);
// Concurrent adds of the same organisation to a network race on this index, not on a read.
MembershipSchema.index({ networkId: 1, organisationId: 1 }, { unique: true });
// The public lookup goes from organisations to their memberships in every network.
MembershipSchema.index({ organisationId: 1 });
