import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Which campaigns process runs a send's fan-out, until when. One document per generation, `_id`
 * `${sendId}:${generation}`: taking a send over is inserting the next generation, so of two processes that find the
 * same lease run out, the unique `_id` lets exactly one in (FerretDB has no atomic find-and-modify). Only the holder
 * ever updates its own document (to extend or release it).
 */
@Schema({ collection: 'send_leases', versionKey: false })
export class SendLease {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  sendId!: string;

  @Prop({ required: true })
  generation!: number;

  /** Host, process id and a random part: unique per process run. */
  @Prop({ required: true })
  holder!: string;

  @Prop({ type: Date, required: true })
  expiresAt!: Date;
}

export const SendLeaseSchema = SchemaFactory.createForClass(SendLease);

export function sendLeaseId(sendId: string, generation: number): string {
  return `${sendId}:${generation}`;
}
