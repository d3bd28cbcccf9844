import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { EventEnvelope, NewsletterState } from '@hub/contracts';
import { OutboxRelay } from '@hub/messaging';
import { Repository, retryWhileBusy, scopedToNetwork } from '@hub/persistence';
import { Newsletter } from './newsletter.schema';

@Injectable()
export class NewsletterRepository extends Repository<Newsletter> {
  constructor(
    @InjectModel(Newsletter.name) model: Model<Newsletter>,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
    relay.watch(model);
  }

  async create(newsletter: Omit<Newsletter, 'createdAt' | 'updatedAt'>): Promise<Newsletter> {
    return (await retryWhileBusy(() => this.model.create(newsletter))).toObject();
  }

  findById(id: string): Promise<Newsletter | null> {
    return this.model.findById(id, { outbox: 0 }).lean<Newsletter>().exec();
  }

  findInNetwork(networkId: string, id: string): Promise<Newsletter | null> {
    return this.model.findOne(scopedToNetwork(networkId, { _id: id }), { outbox: 0 }).lean<Newsletter>().exec();
  }

  listInNetwork(networkId: string): Promise<Newsletter[]> {
    return this.model.find(scopedToNetwork(networkId, {}), { outbox: 0 }).sort({ createdAt: -1 }).lean<Newsletter[]>().exec();
  }

  /** Across networks, for the scheduler and the fan-out: few newsletters are in these states at once. */
  listInStates(states: NewsletterState[]): Promise<Newsletter[]> {
    return this.model.find({ state: { $in: states } }, { outbox: 0, issues: 0 }).lean<Newsletter[]>().exec();
  }

  listArchived(networkId: string): Promise<Newsletter[]> {
    return this.model
      .find(scopedToNetwork(networkId, { state: 'completed' as const, publicArchive: true }), { outbox: 0 })
      .sort({ startedAt: -1 })
      .lean<Newsletter[]>()
      .exec();
  }

  /**
   * The change, with its event when there is one, in one update, only from the expected states. Returns whether it
   * applied. On FerretDB the state check and the write are not one atomic step; where two writers may race (start),
   * a unique insert (the Send) decides instead, and this only records the outcome.
   */
  async transition(id: string, from: readonly NewsletterState[], set: Partial<Newsletter>, event?: EventEnvelope, inc?: Partial<Pick<Newsletter, 'resumes'>>): Promise<boolean> {
    const result = await retryWhileBusy(() =>
      this.model.updateOne({ _id: id, state: { $in: [...from] } }, { $set: set, ...(event && { $push: { outbox: event } }), ...(inc && { $inc: inc }) }).exec(),
    );
    if (event && result.matchedCount > 0) this.relay.nudge(this.model, id);
    return result.matchedCount > 0;
  }

  async delete(id: string): Promise<boolean> {
    return (await this.model.deleteOne({ _id: id, state: 'draft' }).exec()).deletedCount > 0;
  }
}
