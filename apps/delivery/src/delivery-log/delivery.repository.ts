import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { EventEnvelope } from '@hub/contracts';
import { OutboxRelay } from '@hub/messaging';
import { BatchOutcome, Coalescer, insertEach, isDuplicateKeyError, Repository, retryWhileBusy, scopedToNetwork, updateAll, UPDATES_PER_REQUEST } from '@hub/persistence';
import { Delivery, DeliveryFeedbackNote, DeliveryRetryClaim, DeliveryStatus } from './delivery.schema';

export type NewDelivery = Pick<Delivery, '_id' | 'networkId' | 'source' | 'recipient' | 'queue' | 'kind' | 'messageId' | 'job'>;
export type UnknownDelivery = Pick<Delivery, '_id' | 'source' | 'recipient' | 'queue' | 'kind' | 'claimedAt' | 'finishedAt' | 'resentAs'>;

/** An outcome to write: the update, and the event that announces it (final outcomes only). */
interface Outcome {
  id: string;
  status: DeliveryStatus;
  update: object;
  event?: EventEnvelope;
}

@Injectable()
export class DeliveryRepository extends Repository<Delivery> {
  /** Claims and outcomes of concurrent jobs go to the database together: the per-message bookkeeping was the limit. */
  private readonly claims: Coalescer<Delivery, boolean>;
  private readonly outcomes: Coalescer<Outcome, undefined>;

  constructor(
    @InjectModel(Delivery.name) model: Model<Delivery>,
    @InjectModel(DeliveryRetryClaim.name) private readonly retryClaims: Model<DeliveryRetryClaim>,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
    // The delivery log grows by a row per message, and every write of an event here nudges the relay or closes a batch.
    relay.watch(model, { rareSweeps: true, batches: true });
    this.claims = new Coalescer((rows) => insertEach(model, rows), { maxBatch: 100 });
    this.outcomes = new Coalescer((outcomes) => this.writeOutcomes(outcomes), { maxBatch: UPDATES_PER_REQUEST, maxInFlight: 2 });
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
    const fresh: Delivery = { ...delivery, status: 'sending', attempt, deferrals: 0, claimedAt: now, finishedAt: null, smtpResponse: null, resentAs: null, feedback: [], outbox: [] };
    if (await this.claims.call(fresh)) return true;
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

  /** Writes the outcome of a send; `event` announces a final one (sent, failed), published once the outcome is stored. */
  async finish(id: string, status: Exclude<DeliveryStatus, 'sending' | 'unknown'>, smtpResponse: string, event?: EventEnvelope): Promise<void> {
    const update: Record<string, unknown> = { $set: { status, smtpResponse, finishedAt: new Date() } };
    if (status === 'deferred') update.$inc = { deferrals: 1 };
    await this.outcomes.call({ id, status, update, event });
  }

  /**
   * The outcomes of concurrent sends in one update request, their events in one outbox batch rather than in each
   * document's outbox: the relay's removal of a published event was an update per message, half of FerretDB's time
   * while delivery sends (its CPU profile). A final status never changes again, so it tells a landed update apart.
   */
  private async writeOutcomes(outcomes: Outcome[]): Promise<BatchOutcome<undefined>[]> {
    const entries = outcomes.filter(({ event }) => event).map(({ id, status, event }) => ({ documentId: id, events: [event!], landed: { status } }));
    await this.relay.withBatch(this.model, entries, () => updateAll(this.model, outcomes.map(({ id, update }) => ({ filter: { _id: id }, update }))));
    return outcomes.map(() => ({ ok: true as const, value: undefined }));
  }

  /**
   * Claims left "sending" by a process that died mid-call, marked unknown one by one. Each is first claimed as
   * `<id>#unknown` (insert-only), so that two sweepers at once report, and count, each one once. Also the deferred
   * messages whose retry was claimed (`<id>#<deferrals>`) but whose switch back to "sending" never landed (a full
   * disk or a database restart between the two writes): the retry found its claim taken and gave up, so nothing
   * would ever send them or say so.
   */
  async markStaleAsUnknown(claimedBefore: Date, now = new Date()): Promise<Pick<Delivery, '_id' | 'source'>[]> {
    // One scan of the delivery log per sweep (FerretDB cannot index it for this filter) finds both kinds.
    const candidates = await this.model
      .find({ $or: [{ status: 'sending', claimedAt: { $lt: claimedBefore } }, { status: 'deferred' }] }, { _id: 1, source: 1, status: 1, deferrals: 1 })
      .lean<Pick<Delivery, '_id' | 'source' | 'status' | 'deferrals'>[]>()
      .exec();
    const stale = candidates.filter((row) => row.status === 'sending');
    const stuck = await this.stuckRetries(candidates.filter((row) => row.status === 'deferred'), claimedBefore);
    const marked: Pick<Delivery, '_id' | 'source'>[] = [];
    for (const { _id, source } of [...stale, ...stuck]) if (await this.markUnknown(_id, now)) marked.push({ _id, source });
    return marked;
  }

  /** The deferred messages whose current retry claim was taken before `claimedBefore` (few: those waiting out a backoff). */
  private async stuckRetries<T extends Pick<Delivery, '_id' | 'deferrals'>>(deferred: T[], claimedBefore: Date): Promise<T[]> {
    if (deferred.length === 0) return [];
    const byClaimId = new Map(deferred.map((row) => [`${row._id}#${row.deferrals}`, row]));
    const taken = await this.retryClaims.find({ _id: { $in: [...byClaimId.keys()] }, claimedAt: { $lt: claimedBefore } }, { _id: 1 }).lean<Pick<DeliveryRetryClaim, '_id'>[]>().exec();
    return taken.map(({ _id }) => byClaimId.get(_id)!);
  }

  /**
   * Marks one claim unknown; false when someone (a sweeper) already did, so that it is counted once. The status is
   * written even then: a sweep cut between the two writes leaves the marker without the status, and only a later
   * sweep's write keeps the claim from staying "sending" for ever. A final status is never overwritten.
   */
  async markUnknown(id: string, now = new Date()): Promise<boolean> {
    let first = true;
    try {
      await this.retryClaims.create({ _id: `${id}#unknown`, claimedAt: now });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      first = false;
    }
    await retryWhileBusy(() => this.model.updateOne({ _id: id, status: { $in: ['sending', 'deferred'] } }, { $set: { status: 'unknown', finishedAt: now } }).exec());
    return first;
  }

  /** One page of a network's unknown deliveries, in id order; `after` is the last id of the previous page. */
  unknownOf(networkId: string, limit: number, after?: string): Promise<UnknownDelivery[]> {
    return this.model
      .find(scopedToNetwork(networkId, { status: 'unknown', ...(after && { _id: { $gt: after } }) }), {
        _id: 1, source: 1, recipient: 1, queue: 1, kind: 1, claimedAt: 1, finishedAt: 1, resentAs: 1,
      })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<UnknownDelivery[]>()
      .exec();
  }

  findOfNetwork(networkId: string, id: string): Promise<Delivery | null> {
    return this.model.findOne(scopedToNetwork(networkId, { _id: id })).lean<Delivery>().exec();
  }

  async markResent(id: string, resentAs: string): Promise<void> {
    await retryWhileBusy(() => this.model.updateOne({ _id: id }, { $set: { resentAs } }).exec());
  }

  async noteFeedback(id: string, note: DeliveryFeedbackNote): Promise<void> {
    await retryWhileBusy(() => this.model.updateOne({ _id: id }, { $push: { feedback: note } }).exec());
  }

  findById(id: string): Promise<Delivery | null> {
    return this.model.findById(id).lean<Delivery>().exec();
  }
}
