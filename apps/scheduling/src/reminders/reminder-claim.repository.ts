import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { OutboxRelay } from '@hub/messaging';
import { isDuplicateKeyError, Repository, retryWhileBusy } from '@hub/persistence';
import { ReminderClaim } from './reminder-claim.schema';

@Injectable()
export class ReminderClaimRepository extends Repository<ReminderClaim> {
  constructor(
    @InjectModel(ReminderClaim.name) model: Model<ReminderClaim>,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
    relay.watch(model);
  }

  /** The claims name the registration; they only prevent a second send, which no longer matters once it is gone. */
  async forgetRegistration(registrationId: string): Promise<void> {
    await retryWhileBusy(() => this.model.deleteMany({ registrationId }).exec());
  }

  /** True when this call made the claim (and queued its event); false when the reminder was already claimed. */
  async claim(claim: ReminderClaim): Promise<boolean> {
    try {
      await retryWhileBusy(() => this.model.create(claim));
      this.relay.nudge(this.model, claim._id);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }
}
