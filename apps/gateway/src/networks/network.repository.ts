import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { OutboxRelay } from '@hub/messaging';
import { Coalescer, Repository, sharedReads } from '@hub/persistence';
import { NetworkProfileEvents } from './network-profile.event';
import { Network } from './network.schema';

type NetworkFields = Omit<Network, 'outbox' | 'revision'>;

@Injectable()
export class NetworkRepository extends Repository<Network> {
  private readonly publicBySlug: Coalescer<string, Network | null>;

  constructor(
    @InjectModel(Network.name) model: Model<Network>,
    private readonly profiles: NetworkProfileEvents,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
    relay.watch(model);
    this.publicBySlug = sharedReads((slug) => this.model.findOne({ slug, isPublic: true }, { outbox: 0 }).lean<Network>().exec());
  }

  /** Every public request starts here, and on FerretDB the slug is a scan: concurrent requests share one read. */
  findPublicBySlug(slug: string): Promise<Readonly<Network> | null> {
    return this.publicBySlug.call(slug);
  }

  findById(id: string): Promise<Network | null> {
    return this.model.findById(id, { outbox: 0 }).lean<Network>().exec();
  }

  findAllPublic(): Promise<Network[]> {
    return this.model.find({ isPublic: true }, { outbox: 0 }).sort({ name: 1 }).lean<Network[]>().exec();
  }

  findByIds(ids: string[]): Promise<Network[]> {
    return this.model.find({ _id: { $in: ids } }, { outbox: 0 }).lean<Network[]>().exec();
  }

  /**
   * Applies an owner's changes and announces the new profile in the same write. The revision in the filter turns
   * two concurrent edits into one winner and one `false`, instead of an event that describes neither.
   */
  async update(current: Network, changes: Partial<NetworkFields>): Promise<Network | null> {
    const next = { ...current, ...changes, revision: current.revision + 1 };
    const result = await this.model
      .updateOne(
        { _id: current._id, revision: current.revision },
        { $set: { ...changes, revision: next.revision }, $push: { outbox: this.profiles.updated(next) } },
      )
      .exec();
    if (result.matchedCount === 0) return null;
    this.relay.nudge(this.model, current._id);
    return this.findById(current._id);
  }

  /**
   * Creates the network if it is missing, announcing it; leaves an existing one as its owners edited it. A network
   * stored before profiles were announced gets revision 0 and its first announcement here.
   */
  async ensure(network: NetworkFields): Promise<void> {
    const created = { ...network, revision: 0 };
    await this.model
      .updateOne({ _id: network._id }, { $setOnInsert: { ...created, outbox: [this.profiles.updated(created)] } }, { upsert: true })
      .exec();
    const stored = await this.model.findById(network._id, { outbox: 0 }).lean<Network>().exec();
    if (stored && stored.revision === undefined) {
      const legacy = { ...stored, revision: 0 };
      await this.model
        .updateOne({ _id: network._id, revision: { $exists: false } }, { $set: { revision: 0 }, $push: { outbox: this.profiles.updated(legacy) } })
        .exec();
    }
    this.relay.nudge(this.model, network._id);
  }
}
