import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError, Repository, retryWhileBusy } from '@hub/persistence';
import { FanOutProgress, Send } from './send.schema';

@Injectable()
export class SendRepository extends Repository<Send> {
  constructor(@InjectModel(Send.name) model: Model<Send>) {
    super(model);
  }

  /** Inserts the send; false when it exists already, which is how a start happens once however often it is asked. */
  async claim(send: Send): Promise<boolean> {
    try {
      await retryWhileBusy(() => this.model.create(send));
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  findById(id: string): Promise<Send | null> {
    return this.model.findById(id).lean<Send>().exec();
  }

  /** Only the fan-out of this send writes its progress, so a plain $set is safe. */
  async saveProgress(id: string, progress: FanOutProgress): Promise<void> {
    await retryWhileBusy(() => this.model.updateOne({ _id: id }, { $set: { progress } }).exec());
  }
}
