import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError, Repository, retryWhileBusy } from '@hub/persistence';
import { SendOutcome } from './send-outcome.schema';

@Injectable()
export class SendOutcomeRepository extends Repository<SendOutcome> {
  constructor(@InjectModel(SendOutcome.name) model: Model<SendOutcome>) {
    super(model);
  }

  async record(outcome: SendOutcome): Promise<void> {
    try {
      await retryWhileBusy(() => this.model.create(outcome));
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  count(sendId: string, kind: SendOutcome['kind']): Promise<number> {
    return this.model.countDocuments({ sendId, kind }).exec();
  }
}
