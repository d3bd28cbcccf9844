import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { EventEnvelope, SuppressionReason } from '@hub/contracts';
import { outboxField, WithOutbox } from '@hub/messaging';

/**
 * An address the network must never email. The id is the address's proof hash (ProofHashes.address), so the
 * record outlives an erasure: the address is blanked, the hash still proves the opt-out. Lifting a suppression
 * keeps the document (inactive), because its outbox carries the event that announces it.
 */
@Schema({ collection: 'suppressions', timestamps: true, versionKey: false })
export class Suppression implements WithOutbox {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  networkId!: string;

  /** Null once the address is erased. */
  @Prop({ type: String, default: null })
  email!: string | null;

  @Prop({ type: String, required: true })
  reason!: SuppressionReason;

  @Prop({ required: true })
  active!: boolean;

  @Prop({ type: Date, required: true })
  since!: Date;

  @Prop(outboxField)
  outbox!: EventEnvelope[];
}

export const SuppressionSchema = SchemaFactory.createForClass(Suppression);
