import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { SuppressionReason } from '@hub/contracts';

/**
 * Delivery's read model of audience's suppressions, looked up by `_id` at send time (concurrent sends' lookups in one
 * `$in`). `_id` is the network and a SHA-256 of the normalised address, so the model holds no address in clear.
 * A lifted suppression stays as `reason: null` with its version, so an older "added" arriving late is ignored.
 */
@Schema({ collection: 'suppressed_addresses', versionKey: false })
export class SuppressedAddress {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  networkId!: string;

  /** Audience's HMAC of the address: what links this row to audience's record after an erasure. */
  @Prop({ required: true })
  emailHash!: string;

  @Prop({ type: String, default: null })
  reason!: SuppressionReason | null;

  /** The event's time in ms: the newer state wins. */
  @Prop({ required: true })
  version!: number;
}

export const SuppressedAddressSchema = SchemaFactory.createForClass(SuppressedAddress);
