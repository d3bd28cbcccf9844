import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { EventEnvelope } from '@hub/contracts';
import { OutboxRelay } from '@hub/messaging';
import { isDuplicateKeyError, Repository } from '@hub/persistence';
import { Delivery, DeliveryRetryClaim, DeliveryStatus } from './delivery.schema';

export type NewDelivery = Pick<Delivery, '_id' | 'networkId' | 'source' | 'recipient' | 'queue' | 'kind' | 'messageId'>;

@Injectable()
export class DeliveryRepository extends Repository<Delivery> {
  constructor(
    @InjectModel(Delivery.name) model: Model<Delivery>,
    @InjectModel(DeliveryRetryClaim.name) private readonly retryClaims: Model<DeliveryRetryClaim>,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
    relay.watch(model);
  }

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    await this.retryClaims.createCollection().catch(() => undefined);
  }

  /**
   * Claims the right to send this message for this attempt. Returns false when someone already sent it, is sending
   * it, gave up on it, or lost track of it: in every one of those cases sending now could send it twice.
   */
  async claim(delivery: NewDelivery, attempt: number, now = new Date()): Promise<boolean> {
    try {
      await this.model.create({ ...delivery, status: 'sending', attempt, deferrals: 0, claimedAt: now, finishedAt: null, smtpResponse: null, outbox: [] });
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const existing = await this.model.findById(delivery._id, { status: 1, deferrals: 1 }).lean<Pick<Delivery, 'status' | 'deferrals'>>().exec();
    if (existing?.status !== 'deferred') return false;
    try {
      await this.retryClaims.create({ _id: `${delivery._id}#${existing.deferrals}`, claimedAt: now });
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
    await this.model.updateOne({ _id: delivery._id }, { $set: { status: 'sending', attempt, claimedAt: now } }).exec();
    return true;
  }

  async finish(id: string, status: Exclude<DeliveryStatus, 'sending' | 'unknown'>, smtpResponse: string, event?: EventEnvelope): Promise<void> {
    const update: Record<string, unknown> = { $set: { status, smtpResponse, finishedAt: new Date() } };
    if (status === 'deferred') update.$inc = { deferrals: 1 };
    if (event) update.$push = { outbox: event };
    await this.model.updateOne({ _id: id }, update).exec();
    if (event) this.relay.nudge(this.model, id);
  }

  /** Claims left "sending" by a process that died mid-call; returns how many were marked unknown. */
  async markStaleAsUnknown(claimedBefore: Date): Promise<number> {
    const result = await this.model
      .updateMany({ status: 'sending', claimedAt: { $lt: claimedBefore } }, { $set: { status: 'unknown', finishedAt: new Date() } })
      .exec();
    return result.modifiedCount;
  }

  findById(id: string): Promise<Delivery | null> {
    return this.model.findById(id).lean<Delivery>().exec();
  }
}
