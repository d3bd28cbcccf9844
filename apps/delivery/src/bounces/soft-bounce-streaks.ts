import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError, Repository } from '@hub/persistence';
import { SoftBounceStreak } from './delivery-feedback.schema';

const REMEMBERED_DELIVERIES = 20;

/**
 * Soft bounces in a row per (network, address). A streak document exists only for addresses that soft-bounced, so a
 * send to anyone else costs one `_id` update that matches nothing.
 */
@Injectable()
export class SoftBounceStreaks extends Repository<SoftBounceStreak> {
  constructor(@InjectModel(SoftBounceStreak.name) model: Model<SoftBounceStreak>) {
    super(model);
  }

  /**
   * Counts this delivery's soft bounce and answers how many there are in a row now. A second report about a message
   * already counted (a delay notice, then the final failure) does not count again.
   */
  async count(networkId: string, recipient: string, deliveryId: string, now = new Date()): Promise<number> {
    const id = streakId(networkId, recipient);
    const existing = await this.model.findById(id).lean<SoftBounceStreak>().exec();
    if (!existing) {
      try {
        await this.model.create({ _id: id, count: 1, sendsSinceBounce: 0, deliveryIds: [deliveryId], updatedAt: now });
        return 1;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        return this.count(networkId, recipient, deliveryId, now);
      }
    }
    if (existing.deliveryIds.includes(deliveryId)) return existing.count;
    // More sent since the last bounce than the message bouncing now: one of them got through.
    const unbroken = existing.sendsSinceBounce <= 1;
    const count = unbroken ? existing.count + 1 : 1;
    const deliveryIds = unbroken ? [...existing.deliveryIds.slice(-(REMEMBERED_DELIVERIES - 1)), deliveryId] : [deliveryId];
    await this.model.updateOne({ _id: id }, { $set: { count, sendsSinceBounce: 0, deliveryIds, updatedAt: now } }).exec();
    return count;
  }

  /** A message went out to this address (and has not bounced yet). */
  async noteSent(networkId: string, recipient: string, deliveryId: string): Promise<void> {
    await this.model.updateOne({ _id: streakId(networkId, recipient), deliveryIds: { $ne: deliveryId } }, { $inc: { sendsSinceBounce: 1 } }).exec();
  }

  /** After a hard bounce the address is suppressed; if it is ever lifted, counting starts afresh. */
  async clear(networkId: string, recipient: string): Promise<void> {
    await this.model.deleteOne({ _id: streakId(networkId, recipient) }).exec();
  }
}

function streakId(networkId: string, recipient: string): string {
  return `${networkId}/${recipient.toLowerCase()}`;
}
