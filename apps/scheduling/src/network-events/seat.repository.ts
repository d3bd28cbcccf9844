import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError, Repository, retryWhileBusy } from '@hub/persistence';
import { Seat } from './seat.schema';

export type SeatInsertOutcome = 'taken-now' | 'seat-occupied' | 'already-holding';

@Injectable()
export class SeatRepository extends Repository<Seat> {
  constructor(@InjectModel(Seat.name) model: Model<Seat>) {
    super(model);
  }

  async takenNumbers(eventId: string): Promise<number[]> {
    const seats = await this.model.find({ eventId }, { seat: 1 }).lean<Array<Pick<Seat, 'seat'>>>().exec();
    return seats.map((seat) => seat.seat);
  }

  /** A find rather than countDocuments: FerretDB answers the count's aggregation far more slowly. */
  async count(eventId: string): Promise<number> {
    return (await this.model.find({ eventId }, { _id: 1 }).lean().exec()).length;
  }

  ofEvent(eventId: string): Promise<Seat[]> {
    return this.model.find({ eventId }).lean<Seat[]>().exec();
  }

  findByRegistration(registrationId: string): Promise<Seat | null> {
    return this.model.findOne({ registrationId }).lean<Seat>().exec();
  }

  /** The insert is the claim: the unique `_id` and `registrationId` decide races, never a read before it. */
  async tryInsert(seat: Omit<Seat, '_id' | 'takenAt'>, now: Date): Promise<SeatInsertOutcome> {
    try {
      await retryWhileBusy(() => this.model.create({ _id: `${seat.eventId}/${seat.seat}`, ...seat, takenAt: now }));
      return 'taken-now';
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return (await this.findByRegistration(seat.registrationId)) ? 'already-holding' : 'seat-occupied';
    }
  }

  /** The seat follows its registration to an anonymous id. */
  async reassign(registrationId: string, to: string): Promise<void> {
    await retryWhileBusy(() => this.model.updateOne({ registrationId }, { $set: { registrationId: to } }).exec());
  }

  async release(registrationId: string): Promise<void> {
    await retryWhileBusy(() => this.model.deleteOne({ registrationId }).exec());
  }
}
