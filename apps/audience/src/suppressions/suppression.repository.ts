import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { EventEnvelope, SuppressionReason } from '@hub/contracts';
import { OutboxRelay } from '@hub/messaging';
import { IDS_PER_LOOKUP, isDuplicateKeyError, Repository } from '@hub/persistence';
import { Suppression } from './suppression.schema';

@Injectable()
export class SuppressionRepository extends Repository<Suppression> {
  constructor(
    @InjectModel(Suppression.name) model: Model<Suppression>,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
    relay.watch(model);
  }

  findById(hash: string): Promise<Suppression | null> {
    return this.model.findById(hash).lean<Suppression>().exec();
  }

  /** By `_id: {$in}`, IDS_PER_LOOKUP at a time. */
  async findActive(hashes: string[]): Promise<Suppression[]> {
    const found: Suppression[] = [];
    for (let start = 0; start < hashes.length; start += IDS_PER_LOOKUP) {
      const ids = hashes.slice(start, start + IDS_PER_LOOKUP);
      found.push(...(await this.model.find({ _id: { $in: ids }, active: true }).lean<Suppression[]>().exec()));
    }
    return found;
  }

  /** Inserts the record; false when it exists already (the unique id settles concurrent calls). */
  async insert(record: Omit<Suppression, 'outbox'>, event: EventEnvelope | null): Promise<boolean> {
    try {
      await this.model.create({ ...record, outbox: event ? [event] : [] });
      if (event) this.relay.nudge(this.model, record._id, [event]);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async update(hash: string, set: Partial<Pick<Suppression, 'active' | 'reason' | 'since' | 'email'>>, event: EventEnvelope): Promise<void> {
    await this.model.updateOne({ _id: hash }, { $set: set, $push: { outbox: event } }).exec();
    this.relay.nudge(this.model, hash, [event]);
  }

  static reasonOf(record: Suppression | null): SuppressionReason | null {
    return record?.active ? record.reason : null;
  }
}
