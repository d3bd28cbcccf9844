import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { EventEnvelope } from '@hub/contracts';
import { OutboxRelay } from '@hub/messaging';
import { isDuplicateKeyError, Repository } from '@hub/persistence';
import { DeliveryFeedback } from './delivery-feedback.schema';

@Injectable()
export class DeliveryFeedbackRepository extends Repository<DeliveryFeedback> {
  constructor(
    @InjectModel(DeliveryFeedback.name) model: Model<DeliveryFeedback>,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
    relay.watch(model);
  }

  async exists(id: string): Promise<boolean> {
    return (await this.model.countDocuments({ _id: id }, { limit: 1 }).exec()) > 0;
  }

  /** The report and its event in one insert; false when this report was recorded before. */
  async insert(record: Omit<DeliveryFeedback, 'outbox'>, event: EventEnvelope): Promise<boolean> {
    try {
      await this.model.create({ ...record, outbox: [event] });
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
    this.relay.nudge(this.model, record._id, [event]);
    return true;
  }
}
