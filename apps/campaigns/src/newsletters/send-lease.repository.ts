import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError, Repository, retryWhileBusy } from '@hub/persistence';
import { SendLease } from './send-lease.schema';

@Injectable()
export class SendLeaseRepository extends Repository<SendLease> {
  constructor(@InjectModel(SendLease.name) model: Model<SendLease>) {
    super(model);
  }

  /** The send's newest generation (older ones are removed as soon as a newer one is taken, so this reads one or two). */
  async latest(sendId: string): Promise<SendLease | null> {
    const leases = await this.model.find({ sendId }).lean<SendLease[]>().exec();
    return leases.reduce<SendLease | null>((newest, lease) => (!newest || lease.generation > newest.generation ? lease : newest), null);
  }

  /** False when that generation is taken already: another process got there first. */
  async insert(lease: SendLease): Promise<boolean> {
    try {
      await retryWhileBusy(() => this.model.create(lease));
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** Moves the holder's own lease's end (to the past, to release it). */
  async setExpiry(id: string, holder: string, expiresAt: Date): Promise<void> {
    await retryWhileBusy(() => this.model.updateOne({ _id: id, holder }, { $set: { expiresAt } }).exec());
  }

  async removeOlder(sendId: string, generation: number): Promise<void> {
    await retryWhileBusy(() => this.model.deleteMany({ sendId, generation: { $lt: generation } }).exec());
  }
}
