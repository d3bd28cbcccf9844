import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { EventEnvelope } from '@hub/contracts';
import { OutboxRelay } from '@hub/messaging';
import { Repository, retryWhileBusy, scopedToNetwork } from '@hub/persistence';
import { NetworkEvent } from './network-event.schema';

@Injectable()
export class NetworkEventRepository extends Repository<NetworkEvent> {
  constructor(
    @InjectModel(NetworkEvent.name) model: Model<NetworkEvent>,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
    relay.watch(model);
  }

  async create(event: NetworkEvent): Promise<NetworkEvent> {
    return (await retryWhileBusy(() => this.model.create(event))).toObject();
  }

  findInNetwork(networkId: string, id: string): Promise<NetworkEvent | null> {
    return this.model.findOne(scopedToNetwork(networkId, { _id: id })).lean<NetworkEvent>().exec();
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
