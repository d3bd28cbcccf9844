import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Model } from 'mongoose';
import type { EventEnvelope } from '@hub/contracts';
import { BatchOutcome, IDS_PER_LOOKUP, insertEach, isInserted } from '@hub/persistence';
import { EventPublisher } from './event.publisher';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import type { WithOutbox } from './outbox';
import { entriesOf, LandedValue, newOutboxBatch, OutboxBatch, OutboxBatchDocument, OutboxBatchEntry, outboxBatchesOf } from './outbox-batch';

const DOCUMENTS_PER_CYCLE = 200;
const PUBLISH_BATCH = 100;
/**
 * Beyond this many nudged documents waiting, later ones are held by id only and read back when their turn comes: a
 * 100 000-row import nudges faster than the relay removes, and holding every event had audience's RSS past 500 MB.
 */
const EVENTS_HELD = 10_000;
/**
 * Ids of the events sweeps published lately, kept to recognise a nudge that arrives after the sweep read its
 * document (a write's answer can be on its way while the sweep finds what it stored). A nudge follows its write by
 * milliseconds; a sweep reads at most DOCUMENTS_PER_CYCLE documents per collection, so this covers many sweeps.
 */
const SWEPT_EVENTS_KEPT = 10_000;
/**
 * A sweep takes over an outbox batch only when it is this old and not this process's own: until then its writer may
 * still be inserting its documents (a chunk of an import takes seconds), and an event is published only for a
 * document already stored.
 */
const BATCH_GRACE_MS = 30_000;
/** Batch documents hold up to an import chunk's events each (a thousand by default): a few per sweep. */
const BATCHES_PER_SWEEP = 10;
/** Closed batches published together, their events in PUBLISH_BATCH-sized Kafka requests and one delete. */
const BATCHES_PER_CYCLE = 50;

export interface WatchOptions {
  /**
   * Sweep this collection only at start-up, after a failed cycle and every `outboxFullSweepIntervalMs`, not every poll.
   * For large collections every one of whose writes with events nudges the relay: a sweep scans the whole collection
   * on FerretDB (about 0.2 ms of its CPU per document: 20 s for a 100 000-row delivery log), so sweeping those every
   * poll would cost more than the writes themselves.
   */
  rareSweeps?: boolean;
  /** Writes to this collection may carry their events in an outbox batch (see openBatch). */
  batches?: boolean;
}

interface PendingDocument {
  _id: unknown;
  outbox: EventEnvelope[];
  /** Known from the write that stored them, not read back. */
  fromWrite?: boolean;
}

/**
 * Publishes what aggregates wrote to their outbox, then removes it. Publish-then-remove means a crash in between
 * publishes again on restart (at least once); consumers are idempotent, so the effect happens once. Several replicas
 * may run relays at once: the worst case is the same duplicate, never a loss.
 *
 * Two ways in: a repository names the document it just wrote (`nudge(model, id, events)`): with the events its write
 * stored, they are published as they are, without reading the document back (a database round trip saved per write
 * on every hot path), once a sweep has found nothing older left behind; without them, the document is read by _id.
 * (A document another replica's crash left events in, written here before any sweep finds them, can have its new
 * event published before the old ones; consumers already take events at least once and check what they apply.) And a sweep over whole collections (at start-up
 * and every poll interval) finds what a crashed process left behind. The sweep is a scan on FerretDB, so it must not
 * run per write: at a few hundred writes a second it saturated FerretDB.
 *
 * Writes of many documents (an insert of many, or concurrent updates sent together) can carry their events in one
 * outbox batch instead (`withBatch`, or `openBatch` before the write and `closeBatch` after): published from memory
 * once the write is over, for the documents whose writes landed, and the batch deleted; a sweep takes over a batch its
 * writer left behind and publishes the events of the writes that landed (the document exists, or holds what the
 * entry says it holds after its update).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly sources: Array<{ model: Model<WithOutbox>; rareSweeps: boolean; batches: boolean }> = [];
  /** Outbox batches whose documents are being inserted (a sweep leaves them alone), and those to publish, in order. */
  private readonly openBatches = new Set<string>();
  private readonly closedBatches: OutboxBatch[] = [];
  /** Per model, the documents nudged since the last cycle, with the events their writes stored (null: read them). */
  private readonly written = new Map<Model<WithOutbox>, Map<unknown, EventEnvelope[] | null>>();
  private timer: NodeJS.Timeout | undefined;
  private cycle: Promise<unknown> | undefined;
  private again = false;
  private sweepDue = true;
  private stopped = true;
  /**
   * Whether events named by a write may be published without reading their document: only once a sweep has found
   * nothing left behind since the start or the last failed cycle. Before that a document may hold older events, and
   * publishing the new ones first would reorder its key's events.
   */
  private writesTrusted = false;
  /** Whether the next sweep covers the rarely swept collections too (and when one last did). */
  private fullSweepDue = true;
  private lastFullSweepAt = 0;
  /** Insertion-ordered, so the oldest go first past SWEPT_EVENTS_KEPT. */
  private readonly sweptEventIds = new Set<string>();

  constructor(
    private readonly publisher: EventPublisher,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** Called by each repository whose documents carry an outbox. */
  watch(model: Model<any>, options: WatchOptions = {}): void {
    this.sources.push({ model: model as Model<WithOutbox>, rareSweeps: options.rareSweeps ?? false, batches: options.batches ?? false });
  }

  /**
   * Stores the events of documents about to be written as one outbox batch (see OutboxBatchDocument). Call
   * closeBatch once the write is over, whatever its outcome; until then no sweep takes the batch over.
   */
  async openBatch(model: Model<any>, entries: OutboxBatchEntry[]): Promise<OutboxBatch> {
    const { batch, document } = newOutboxBatch(model, entries);
    await outboxBatchesOf(model).insertOne(document);
    this.openBatches.add(batch.id);
    return batch;
  }

  /**
   * The write of a batch's documents is over: `stored` names the documents whose writes landed, or is null when it
   * failed and which did is not known (each is then looked up). Their events are published, then the batch removed.
   */
  closeBatch(batch: OutboxBatch, stored: Iterable<unknown> | null): void {
    this.openBatches.delete(batch.id);
    batch.stored = stored ? new Set(stored) : null;
    if (this.heldCount() >= EVENTS_HELD) batch.entries = null;
    this.closedBatches.push(batch);
    this.kick();
  }

  /**
   * Runs `write` with the entries' events in one outbox batch: stored before it, published after it for the
   * documents `landed` names from its result (all of them when it does not say), or looked up when it throws. With no
   * entries, just the write.
   */
  async withBatch<T>(model: Model<any>, entries: OutboxBatchEntry[], write: () => Promise<T>, landed?: (result: T) => Iterable<unknown>): Promise<T> {
    if (entries.length === 0) return write();
    const batch = await this.openBatch(model, entries);
    let result: T;
    try {
      result = await write();
    } catch (error) {
      this.closeBatch(batch, null);
      throw error;
    }
    this.closeBatch(batch, landed ? landed(result) : entries.map((entry) => entry.documentId));
    return result;
  }

  /**
   * Inserts new documents in one request, each on its own (insertEach), the events of their outboxes in one outbox
   * batch instead: the relay's removal of a published event from a document's outbox was an update of each (a fifth
   * of FerretDB's time in a registration burst, a third in an import).
   */
  insertWithBatch<D extends { _id: unknown; outbox: EventEnvelope[] }>(model: Model<any>, documents: D[]): Promise<BatchOutcome<boolean>[]> {
    const entries = documents.filter(({ outbox }) => outbox.length > 0).map(({ _id, outbox }) => ({ documentId: _id, events: outbox }));
    return this.withBatch(
      model,
      entries,
      () => insertEach(model, documents.map((document) => ({ ...document, outbox: [] }))),
      (inserted) => documents.filter((_, index) => isInserted(inserted[index])).map(({ _id }) => _id),
    );
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  start(): void {
    this.stopped = false;
    this.sweepDue = this.fullSweepDue = true;
    this.kick();
  }

  /**
   * Asks for a cycle now instead of at the next poll. With a document: that document just got `events` in its
   * outbox (exactly as the write that succeeded stored them; leave them out to have the document read). Without:
   * something may have, somewhere; sweep every watched collection, the rarely swept ones too.
   */
  nudge(model?: Model<any>, documentId?: unknown, events?: EventEnvelope[]): void {
    if (model && documentId !== undefined) {
      const documents = this.written.get(model) ?? new Map<unknown, EventEnvelope[] | null>();
      const known = documents.has(documentId) ? documents.get(documentId)! : [];
      const held = events && known && this.heldCount() < EVENTS_HELD;
      documents.set(documentId, held ? [...known, ...events] : null);
      this.written.set(model, documents);
    } else {
      this.sweepDue = this.fullSweepDue = true;
    }
    this.kick();
  }

  private heldCount(): number {
    let count = 0;
    for (const documents of this.written.values()) count += documents.size;
    for (const batch of this.closedBatches) count += batch.entries?.length ?? 0;
    return count;
  }

  /** Runs a cycle now, or right after the one running. */
  private kick(): void {
    if (this.stopped) return;
    if (this.cycle) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.cycle = this.runCycle()
      .catch((error: Error) => {
        // The nudges of the failed cycle are gone: only a sweep of everything finds their events now.
        this.writesTrusted = false;
        this.fullSweepDue = true;
        this.logger.warn(`outbox cycle failed, will retry: ${error.message}`);
      })
      .finally(() => {
        this.cycle = undefined;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.kick();
        } else {
          this.timer = setTimeout(() => {
            this.sweepDue = true;
            this.kick();
          }, this.options.outboxPollIntervalMs);
        }
      });
  }

  /** Publishes the pending events of the documents named by nudges, and of every document when a sweep is due. */
  async runCycle(): Promise<number> {
    let published = 0;
    while (this.closedBatches.length > 0 && !this.stopped) {
      // Removed only once published and deleted: a failed cycle tries them again.
      const batches = this.closedBatches.slice(0, BATCHES_PER_CYCLE);
      published += await this.publishBatches(batches);
      this.closedBatches.splice(0, batches.length);
    }
    const written = [...this.written];
    this.written.clear();
    const trusted = this.writesTrusted;
    for (const [model, nudged] of written) {
      const documents: PendingDocument[] = [];
      const toRead: unknown[] = [];
      for (const [id, events] of nudged) {
        if (events && trusted) {
          const unswept = events.filter((event) => !this.sweptEventIds.has(event.id));
          if (unswept.length > 0) documents.push({ _id: id, outbox: unswept, fromWrite: true });
        } else {
          toRead.push(id);
        }
      }
      published += await this.publishAndMark(model, documents);
      // Read by `_id: {$in}` a batch at a time, each batch published before the next is read: after a large import
      // there can be tens of thousands, and holding all of them read at once was most of audience's memory in a
      // 100 000-row import. A stop leaves what was not read in the outbox; the sweep after the restart publishes it.
      for (let start = 0; start < toRead.length && !this.stopped; start += PUBLISH_BATCH) {
        const ids = toRead.slice(start, start + PUBLISH_BATCH);
        const read = await model.find({ _id: { $in: ids } }, { outbox: 1 }).lean<PendingDocument[]>().exec();
        published += await this.publishAndMark(model, read.filter((document) => document.outbox?.length));
      }
    }
    if (this.sweepDue && !this.stopped) {
      this.sweepDue = false;
      const full = this.fullSweepDue || Date.now() - this.lastFullSweepAt >= this.options.outboxFullSweepIntervalMs;
      this.fullSweepDue = false;
      let complete = true;
      for (const { model, rareSweeps, batches } of this.sources) {
        if (batches) {
          const left = await this.sweepBatches(model);
          if (left) complete = false;
        }
        if (rareSweeps && !full) continue;
        const documents = await model.find({ 'outbox.0': { $exists: true } }, { outbox: 1 }).limit(DOCUMENTS_PER_CYCLE).lean<PendingDocument[]>().exec();
        if (documents.length === DOCUMENTS_PER_CYCLE) complete = false;
        published += await this.publishAndMark(model, documents);
        this.forgetNudges(model, documents);
        this.rememberSwept(documents);
      }
      if (complete && full) {
        this.writesTrusted = true;
        this.lastFullSweepAt = Date.now();
      }
      if (!complete) {
        this.sweepDue = this.again = true;
        this.fullSweepDue = full;
      }
    }
    return published;
  }

  /**
   * Publishes the events of the batches' landed writes, in order, then deletes the batches (one request per
   * database): under load delivery closes a batch every few messages, and a delete each was a round trip per batch.
   * A batch another relay published and deleted meanwhile is gone: nothing to do.
   */
  private async publishBatches(batches: OutboxBatch[]): Promise<number> {
    const events: EventEnvelope[] = [];
    for (const batch of batches) {
      const entries = batch.entries ?? entriesOf(await outboxBatchesOf(batch.model).findOne({ _id: batch.id }));
      const landed = batch.stored ?? (await this.landedIds(batch.model, entries));
      for (const entry of entries) if (landed.has(entry.documentId)) events.push(...entry.events);
    }
    for (let start = 0; start < events.length; start += PUBLISH_BATCH) await this.publisher.publish(events.slice(start, start + PUBLISH_BATCH));
    const byDatabase = new Map<Model<any>['db'], { model: Model<any>; ids: string[] }>();
    for (const batch of batches) {
      const ofDatabase = byDatabase.get(batch.model.db) ?? { model: batch.model, ids: [] };
      ofDatabase.ids.push(batch.id);
      byDatabase.set(batch.model.db, ofDatabase);
    }
    for (const { model, ids } of byDatabase.values()) await outboxBatchesOf(model).deleteMany({ _id: { $in: ids } });
    return events.length;
  }

  /**
   * Which entries' writes landed: their document exists and, for an update, holds what the entry says it holds
   * afterwards. Looked up by `_id: {$in}` (an index lookup on the stack's FerretDB).
   */
  private async landedIds(model: Model<any>, entries: OutboxBatchEntry[]): Promise<Set<unknown>> {
    const fields = [...new Set(entries.flatMap((entry) => Object.keys(entry.landed ?? {})))];
    const projection = Object.fromEntries([['_id', 1], ...fields.map((field) => [field, 1])]);
    const found = new Map<unknown, Record<string, unknown>>();
    const ids = entries.map((entry) => entry.documentId);
    for (let start = 0; start < ids.length; start += IDS_PER_LOOKUP) {
      const documents = await model.collection.find({ _id: { $in: ids.slice(start, start + IDS_PER_LOOKUP) } } as never, { projection }).toArray();
      for (const document of documents) found.set(document._id, document);
    }
    const landed = new Set<unknown>();
    for (const entry of entries) {
      const document = found.get(entry.documentId);
      if (document && Object.entries(entry.landed ?? {}).every(([field, value]) => landedValue(document[field]) === value)) landed.add(entry.documentId);
    }
    return landed;
  }

  /**
   * Takes over the batches of this collection that a writer left behind (it crashed between storing the batch and
   * closing it): those past the grace period and not this process's own. Returns whether more are left.
   */
  private async sweepBatches(model: Model<WithOutbox>): Promise<boolean> {
    const own = new Set([...this.openBatches, ...this.closedBatches.map((batch) => batch.id)]);
    const left = await outboxBatchesOf(model)
      .find({ collection: model.collection.collectionName, createdAt: { $lt: new Date(Date.now() - BATCH_GRACE_MS) } }, { projection: { _id: 1 } })
      .toArray();
    const orphans = left.filter((batch: Pick<OutboxBatchDocument, '_id'>) => !own.has(batch._id));
    const taken = orphans.slice(0, BATCHES_PER_SWEEP).map(({ _id }): OutboxBatch => ({ id: _id, model, entries: null, stored: null }));
    if (taken.length > 0) await this.publishBatches(taken);
    return orphans.length > BATCHES_PER_SWEEP;
  }

  /**
   * A write nudges after it is stored, so a sweep can find its events first: the nudge then names events already
   * published and removed, which must not go out a second time from memory. A nudge already here is forgotten; one
   * still on its way is recognised later by the swept events' ids.
   */
  private forgetNudges(model: Model<WithOutbox>, swept: PendingDocument[]): void {
    const nudged = this.written.get(model);
    if (!nudged) return;
    for (const document of swept) {
      const events = nudged.get(document._id);
      const sweptIds = new Set(document.outbox.map((event) => event.id));
      if (events && events.every((event) => sweptIds.has(event.id))) nudged.delete(document._id);
    }
  }

  private rememberSwept(swept: PendingDocument[]): void {
    for (const document of swept) for (const event of document.outbox) this.sweptEventIds.add(event.id);
    for (const id of this.sweptEventIds) {
      if (this.sweptEventIds.size <= SWEPT_EVENTS_KEPT) break;
      this.sweptEventIds.delete(id);
    }
  }

  /** One Kafka request per batch of documents, then their entries removed in small database requests. */
  private async publishAndMark(model: Model<WithOutbox>, documents: PendingDocument[]): Promise<number> {
    let published = 0;
    for (let start = 0; start < documents.length; start += PUBLISH_BATCH) {
      const batch = documents.slice(start, start + PUBLISH_BATCH);
      await this.publisher.publish(batch.flatMap((document) => document.outbox));
      const removed = await this.markPublished(model, batch);
      // An entry known from its write that is still there was stored differently from how it is held here (a
      // schema that recasts it): removed by what is read instead, so the sweep does not publish it again.
      const fromWrite = batch.filter((document) => document.fromWrite);
      if (fromWrite.length > 0 && removed < batch.length) await this.removeAsStored(model, fromWrite);
      published += batch.reduce((sum, document) => sum + document.outbox.length, 0);
    }
    return published;
  }

  /**
   * Removes exactly the published entries: `$pullAll` by value is idempotent when two relays race, and unlike
   * `$pull` with a condition it works on FerretDB 1.24. One update of the batch's documents (named by `_id: {$in}`)
   * pulls every event of the batch: each document holds only its own, so the others pull nothing there. On the
   * stack's FerretDB that costs 0.81 ms of its CPU per document against 1.12 ms as one update statement each. The
   * native driver is used so nothing recasts the events. Returns how many documents changed.
   */
  protected async markPublished(model: Model<WithOutbox>, documents: PendingDocument[]): Promise<number> {
    let modified = 0;
    for (let start = 0; start < documents.length; start += PUBLISH_BATCH) {
      const batch = documents.slice(start, start + PUBLISH_BATCH);
      const result = await model.collection.updateMany(
        { _id: { $in: batch.map((document) => document._id) } } as never,
        { $pullAll: { outbox: batch.flatMap((document) => document.outbox) } } as never,
      );
      modified += result.modifiedCount;
    }
    return modified;
  }

  private async removeAsStored(model: Model<WithOutbox>, documents: PendingDocument[]): Promise<void> {
    const publishedIds = new Set(documents.flatMap((document) => document.outbox.map((event) => event.id)));
    const read = await model.find({ _id: { $in: documents.map((document) => document._id) } }, { outbox: 1 }).lean<PendingDocument[]>().exec();
    const stored: PendingDocument[] = [];
    for (const document of read) {
      const published = (document.outbox ?? []).filter((event) => publishedIds.has(event.id));
      if (published.length > 0) stored.push({ _id: document._id, outbox: published });
    }
    if (stored.length > 0) await this.markPublished(model, stored);
  }

  /**
   * Publishes the batches already closed before stopping: left behind, their events would wait for a sweep to take
   * them over after the grace period. Nudged documents' events stay in their outboxes for the next start's sweep.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.cycle;
    const closed = this.closedBatches.splice(0);
    for (let start = 0; start < closed.length; start += BATCHES_PER_CYCLE) {
      await this.publishBatches(closed.slice(start, start + BATCHES_PER_CYCLE)).catch((error: Error) => {
        this.logger.warn(`outbox batches left for a sweep to take over: ${error.message}`);
      });
    }
  }
}

/** A stored value as an entry's `landed` names it: dates by their ISO text. */
function landedValue(value: unknown): LandedValue | undefined {
  if (value instanceof Date) return value.toISOString();
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value as LandedValue;
  return undefined;
}
