import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One taken seat. The capacity guarantee rests on inserts only (FerretDB updates are not atomic): `_id` is
 * "<eventId>/<seat number>", so a seat number is taken once, and `registrationId` is unique, so a person holds one seat.
 */
@Schema({ collection: 'seats', versionKey: false })
export class Seat {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  eventId!: string;

  @Prop({ required: true })
  networkId!: string;

  @Prop({ required: true })
  seat!: number;

  @Prop({ required: true, unique: true })
  registrationId!: string;

  @Prop({ type: Date, required: true })
  takenAt!: Date;
}

export const SeatSchema = SchemaFactory.createForClass(Seat);
