import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError, Repository } from '@hub/persistence';
import { ConfirmationRequest } from './confirmation-request.schema';

@Injectable()
export class ConfirmationRequestRepository extends Repository<ConfirmationRequest> {
  constructor(@InjectModel(ConfirmationRequest.name) model: Model<ConfirmationRequest>) {
    super(model);
  }

  /**
   * True for the first request from this subscription state of the contact in the window that `now` falls in;
   * false for every other one, however many arrive at the same moment. The window bounds how long a crash between
   * this claim and the contact's update can hold back a confirmation.
   */
  async claim(contactId: string, subscriptionState: string[], windowMs: number, now: Date): Promise<boolean> {
    const state = createHash('sha256').update([...subscriptionState].sort().join('|')).digest('base64url').slice(0, 22);
    try {
      await this.model.create({ _id: `${contactId}:${state}:${Math.floor(now.getTime() / windowMs)}`, requestedAt: now });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }
}
