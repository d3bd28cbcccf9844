import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { EventEnvelope } from '@hub/contracts';
import { OutboxRelay } from '@hub/messaging';
import { Coalescer, Repository, retryWhileBusy, scopedToNetwork, sharedReads } from '@hub/persistence';
import { NetworkEvent } from './network-event.schema';

@Injectable()
export class NetworkEventRepository extends Repository<NetworkEvent> {
  private readonly sharedReads: Coalescer<string, NetworkEvent | null>;

  constructor(
    @InjectModel(NetworkEvent.name) model: Model<NetworkEvent>,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
    relay.watch(model);
    this.sharedReads = sharedReads((id) => this.findById(id));
  }

  async create(event: NetworkEvent): Promise<NetworkEvent> {
    return (await retryWhileBusy(() => this.model.create(event))).toObject();
  }

  /** By `_id` alone, the one filter FerretDB answers from an index; another network's event is not there for the caller. */
  async findInNetwork(networkId: string, id: string): Promise<NetworkEvent | null> {
    const event = await this.findById(id);
    return event?.networkId === networkId ? event : null;
  }

  /** findInNetwork for a burst: concurrent reads of one event share one round trip (see sharedReads). */
  async findInNetworkShared(networkId: string, id: string): Promise<Readonly<NetworkEvent> | null> {
    const event = await this.sharedReads.call(id);
    return event?.networkId === networkId ? event : null;
  }

  findById(id: string): Promise<NetworkEvent | null> {
    return this.model.findById(id).lean<NetworkEvent>().exec();
  }

  listInNetwork(networkId: string): Promise<NetworkEvent[]> {
    return this.model.find(scopedToNetwork(networkId, {})).sort({ startsAt: 1 }).lean<NetworkEvent[]>().exec();
  }

  listOfSeries(networkId: string, seriesId: string): Promise<NetworkEvent[]> {
    return this.model.find(scopedToNetwork(networkId, { seriesId }), { outbox: 0 }).sort({ recurrenceId: 1 }).lean<NetworkEvent[]>().exec();
  }

  /** Published, listed events that have not ended. */
  listPublic(networkId: string, now: Date): Promise<NetworkEvent[]> {
    return this.model
      .find(scopedToNetwork(networkId, { status: 'published' as const, visibility: 'public' as const, endsAt: { $gte: now } }))
      .sort({ startsAt: 1 })
      .lean<NetworkEvent[]>()
      .exec();
  }

  /** Published events that have not ended: the ones whose seats still matter. */
  listPublishedNotEnded(now: Date): Promise<NetworkEvent[]> {
    return this.model.find({ status: 'published' as const, endsAt: { $gt: now } }, { outbox: 0 }).lean<NetworkEvent[]>().exec();
  }

  /** Published events whose start falls in [from, to): the ones reminders may be due for. */
  listPublishedStartingBetween(from: Date, to: Date): Promise<NetworkEvent[]> {
    return this.model.find({ status: 'published' as const, startsAt: { $gte: from, $lt: to } }, { outbox: 0 }).lean<NetworkEvent[]>().exec();
  }

  /** Ended events whose registrations still hold personal data. */
  listEndedNotAnonymised(before: Date): Promise<NetworkEvent[]> {
    return this.model.find({ endsAt: { $lt: before }, registrationsAnonymisedAt: null }, { outbox: 0 }).lean<NetworkEvent[]>().exec();
  }

  /** Writes the change and, when there is one, its event, in one update. */
  async update(id: string, set: Partial<NetworkEvent>, event?: EventEnvelope): Promise<void> {
    await retryWhileBusy(() => this.model.updateOne({ _id: id }, { $set: set, ...(event && { $push: { outbox: event } }) }).exec());
    if (event) this.relay.nudge(this.model, id, [event]);
  }
}
