import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { EventEnvelope } from '@hub/contracts';
import { OutboxRelay } from '@hub/messaging';
import { Coalescer, isDuplicateKeyError, Repository, retryWhileBusy, scopedToNetwork } from '@hub/persistence';
import { Registration } from './registration.schema';

@Injectable()
export class RegistrationRepository extends Repository<Registration> {
  /** Registrations written at the same time go to the database as one insert (a burst was bound by round trips). */
  private readonly inserts: Coalescer<Registration & { createdAt: Date; updatedAt: Date }, boolean>;

  constructor(
    @InjectModel(Registration.name) model: Model<Registration>,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
    relay.watch(model, { batches: true });
    // Their events go in one outbox batch, not in each registration's outbox (see insertWithBatch).
    this.inserts = new Coalescer((registrations) => relay.insertWithBatch(model, registrations), { maxBatch: 100 });
  }

  /**
   * Inserts the registration, or returns the one the address already has for this event (null when inserted). It is
   * stored as given (no schema casting on the batched path), with the timestamps the schema would have added.
   */
  async insertOrFindExisting(registration: Registration): Promise<Registration | null> {
    const now = new Date();
    if (await retryWhileBusy(() => this.inserts.call({ ...registration, createdAt: now, updatedAt: now }))) return null;
    const existing = await this.findById(registration._id);
    if (!existing) throw new Error(`registration ${registration._id} was refused as a duplicate but is not there`);
    return existing;
  }

  findById(id: string): Promise<Registration | null> {
    return this.model.findById(id).lean<Registration>().exec();
  }

  listForEvent(networkId: string, eventId: string): Promise<Registration[]> {
    return this.model.find(scopedToNetwork(networkId, { eventId }), { outbox: 0 }).sort({ queuedAt: 1, _id: 1 }).lean<Registration[]>().exec();
  }

  /** A scan (FerretDB indexes only `_id`); used by erasure, which is rare. */
  findByEmail(networkId: string, email: string): Promise<Registration[]> {
    return this.model.find(scopedToNetwork(networkId, { email }), { outbox: 0 }).lean<Registration[]>().exec();
  }

  /**
   * Replaces the registration by an anonymous copy under a new id: the old id derives from the address, so keeping
   * it would let anyone holding the address confirm the attendance. Insert first, delete after: a crash in between
   * leaves the original, which the next run replaces again, onto the same id.
   */
  async replaceAnonymised(original: Registration, anonymous: Registration): Promise<void> {
    try {
      // The native driver: the anonymous copy deliberately lacks the name and address mongoose requires.
      await retryWhileBusy(() => this.model.collection.insertOne(anonymous as never));
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    await retryWhileBusy(() => this.model.deleteOne({ _id: original._id }).exec());
  }

  countWaiting(eventId: string): Promise<number> {
    return this.model.countDocuments({ eventId, status: 'waitlisted' }).exec();
  }

  confirmedOf(eventId: string): Promise<Registration[]> {
    return this.model.find({ eventId, status: 'confirmed' }, { outbox: 0 }).lean<Registration[]>().exec();
  }

  /** The head of the waitlist, in the order people joined it. */
  firstWaiting(eventId: string, limit: number): Promise<Registration[]> {
    return this.model.find({ eventId, status: 'waitlisted' }).sort({ queuedAt: 1, _id: 1 }).limit(limit).lean<Registration[]>().exec();
  }

  /** A change nobody needs to hear about (a pending registration, a check-in). */
  async set(id: string, set: Partial<Registration>): Promise<void> {
    await retryWhileBusy(() => this.model.updateOne({ _id: id }, { $set: set }).exec());
  }

  /** Writes the change and its event in one update. */
  async update(id: string, set: Partial<Registration>, event: EventEnvelope): Promise<void> {
    await retryWhileBusy(() => this.model.updateOne({ _id: id }, { $set: set, $push: { outbox: event } }).exec());
    this.relay.nudge(this.model, id, [event]);
  }
}
