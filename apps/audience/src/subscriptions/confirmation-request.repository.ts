import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError, Repository, retryWhileBusy } from '@hub/persistence';
import { ConfirmationRequest, ConfirmationRequestCompletion } from './confirmation-request.schema';

export type ConfirmationRequestDetails = Pick<ConfirmationRequest, 'listIds' | 'name' | 'language' | 'source'>;

@Injectable()
export class ConfirmationRequestRepository extends Repository<ConfirmationRequest> {
  constructor(
    @InjectModel(ConfirmationRequest.name) model: Model<ConfirmationRequest>,
    @InjectModel(ConfirmationRequestCompletion.name) private readonly completions: Model<ConfirmationRequestCompletion>,
  ) {
    super(model);
  }

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    await this.completions.createCollection().catch(() => undefined);
  }

  /**
   * True for the first request from this subscription state of the contact in the window that `now` falls in;
   * false for every other one, however many arrive at the same moment.
   */
  async claim(contactId: string, subscriptionState: string[], windowMs: number, now: Date, details: ConfirmationRequestDetails): Promise<boolean> {
    const state = createHash('sha256').update([...subscriptionState].sort().join('|')).digest('base64url').slice(0, 22);
    try {
      await retryWhileBusy(() => this.model.create({ _id: `${contactId}:${state}:${Math.floor(now.getTime() / windowMs)}`, requestedAt: now, contactId, ...details }));
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** Claims made before `cutoff`: by then their request has finished, or its process has died. */
  madeBefore(cutoff: Date): Promise<ConfirmationRequest[]> {
    return this.model.find({ requestedAt: { $lt: cutoff } }).lean<ConfirmationRequest[]>().exec();
  }

  /** True for the one sweeper that completes this interrupted request. */
  async claimCompletion(id: string, now: Date): Promise<boolean> {
    try {
      await retryWhileBusy(() => this.completions.create({ _id: id, completedAt: now }));
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /**
   * A settled claim guards nothing any more: the contact's update changed the state its id is made of, and until
   * the window ends lastConfirmationSentAt holds back another email.
   */
  async remove(id: string): Promise<void> {
    await retryWhileBusy(() => this.model.deleteOne({ _id: id }).exec());
  }
}
