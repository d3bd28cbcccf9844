import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Coalescer, insertEach, Repository, retryWhileBusy } from '@hub/persistence';
import { Seat } from './seat.schema';

/** `held-by-this`: the registration held this very seat already (a retry); `already-holding`: it holds another one. */
export type SeatInsertOutcome = 'taken-now' | 'held-by-this' | 'seat-occupied' | 'already-holding';

@Injectable()
export class SeatRepository extends Repository<Seat> {
  /** Claims made at the same time go to the database as one insert: during a burst the round trips were the limit. */
  private readonly claims: Coalescer<Seat, boolean>;

  constructor(@InjectModel(Seat.name) model: Model<Seat>) {
    super(model);
    this.claims = new Coalescer((seats) => insertEach(model, seats), { maxBatch: 100 });
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

  /**
   * The insert is the claim: the unique `_id` and `registrationId` decide races, never a read before it. A refused
   * insert is told apart by reading the seat by its `_id` (FerretDB's one indexed lookup): someone else's seat, this
   * registration's own, or (no such seat) a refusal on `registrationId`, i.e. the registration holds another seat.
   */
  async tryInsert(seat: Omit<Seat, '_id' | 'takenAt'>, now: Date): Promise<SeatInsertOutcome> {
    const _id = seatIdOf(seat.eventId, seat.seat);
    if (await retryWhileBusy(() => this.claims.call({ _id, ...seat, takenAt: now }))) return 'taken-now';
    const holder = await this.model.findById(_id, { registrationId: 1 }).lean<Pick<Seat, 'registrationId'>>().exec();
    if (holder?.registrationId === seat.registrationId) return 'held-by-this';
    return holder ? 'seat-occupied' : 'already-holding';
  }

  /** The seat follows its registration to an anonymous id. */
  async reassign(registrationId: string, to: string): Promise<void> {
    await retryWhileBusy(() => this.model.updateOne({ registrationId }, { $set: { registrationId: to } }).exec());
  }

  async release(registrationId: string): Promise<void> {
    await retryWhileBusy(() => this.model.deleteOne({ registrationId }).exec());
  }
}

function seatIdOf(eventId: string, seat: number): string {
  return `${eventId}/${seat}`;
}
