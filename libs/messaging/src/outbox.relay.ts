import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Model } from 'mongoose';
import type { EventEnvelope } from '@hub/contracts';
import { EventPublisher } from './event.publisher';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import type { WithOutbox } from './outbox';

const DOCUMENTS_PER_CYCLE = 200;
const PUBLISH_BATCH = 100;

interface PendingDocument {
  _id: unknown;
  outbox: EventEnvelope[];
}

/**
 * Publishes what aggregates wrote to their outbox, then removes it. Publish-then-remove means a crash in between
 * publishes again on restart (at least once); consumers are idempotent, so the effect happens once. Several replicas
 * may run relays at once: the worst case is the same duplicate, never a loss.
 *
 * Two ways in: a repository names the document it just wrote (`nudge(model, id)`), which costs an _id lookup; and a
 * sweep over whole collections (at start-up and every poll interval) finds what a crashed process left behind. The
 * sweep is a scan on FerretDB, so it must not run per write: at a few hundred writes a second it saturated FerretDB.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly sources: Array<Model<WithOutbox>> = [];
  private readonly written = new Map<Model<WithOutbox>, Set<unknown>>();
  private timer: NodeJS.Timeout | undefined;
  private cycle: Promise<unknown> | undefined;
  private again = false;
  private sweepDue = true;
  private stopped = true;

  constructor(
    private readonly publisher: EventPublisher,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
  ) {}

  /** Called by each repository whose documents carry an outbox. */
  watch(model: Model<any>): void {
    this.sources.push(model as Model<WithOutbox>);
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  start(): void {
    this.stopped = false;
    this.sweepDue = true;
    this.nudge();
  }

  /**
   * Asks for a cycle now instead of at the next poll. With a document: that document just got an event in its
   * outbox. Without: something may have, somewhere; sweep every watched collection.
   */
  nudge(model?: Model<any>, documentId?: unknown): void {
    if (model && documentId !== undefined) {
      const ids = this.written.get(model) ?? new Set<unknown>();
      ids.add(documentId);
      this.written.set(model, ids);
    } else {
      this.sweepDue = true;
    }
    if (this.stopped) return;
    if (this.cycle) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.cycle = this.runCycle()
      .catch((error: Error) => this.logger.warn(`outbox cycle failed, will retry: ${error.message}`))
      .finally(() => {
        this.cycle = undefined;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.nudge();
        } else {
          this.timer = setTimeout(() => {
            this.sweepDue = true;
            this.nudge();
          }, this.options.outboxPollIntervalMs);
        }
      });
  }

  /** Publishes the pending events of the documents named by nudges, and of every document when a sweep is due. */
  async runCycle(): Promise<number> {
    let published = 0;
    const written = [...this.written];
    this.written.clear();
    for (const [model, ids] of written) {
      // One lookup per id: FerretDB uses its _id index only for a filter that is exactly {_id: value}.
      const documents = [];
      for (const id of ids) {
        if (this.stopped) {
          // Left in the outbox; the sweep after the restart publishes them.
          break;
        }
        const document = await model.findOne({ _id: id }, { outbox: 1 }).lean<PendingDocument>().exec();
        if (document?.outbox?.length) documents.push(document);
      }
      published += await this.publishAndMark(model, documents);
    }
    if (this.sweepDue && !this.stopped) {
      this.sweepDue = false;
      for (const model of this.sources) {
        const documents = await model.find({ 'outbox.0': { $exists: true } }, { outbox: 1 }).limit(DOCUMENTS_PER_CYCLE).lean<PendingDocument[]>().exec();
        if (documents.length === DOCUMENTS_PER_CYCLE) this.sweepDue = this.again = true;
        published += await this.publishAndMark(model, documents);
      }
    }
    return published;
  }

  /** One Kafka request per batch of documents, then each document's entries removed. */
  private async publishAndMark(model: Model<WithOutbox>, documents: PendingDocument[]): Promise<number> {
    let published = 0;
    for (let start = 0; start < documents.length; start += PUBLISH_BATCH) {
      const batch = documents.slice(start, start + PUBLISH_BATCH);
      await this.publisher.publish(batch.flatMap((document) => document.outbox));
      for (const document of batch) {
        await this.markPublished(model, document._id, document.outbox);
        published += document.outbox.length;
      }
    }
    return published;
  }

  /**
   * Removes exactly the published entries, as read: `$pullAll` by value is idempotent when two relays race, and
   * unlike `$pull` with a condition it works on FerretDB 1.24. The native driver is used so nothing recasts them.
   */
  protected async markPublished(model: Model<WithOutbox>, documentId: unknown, published: EventEnvelope[]): Promise<void> {
    await model.collection.updateOne({ _id: documentId as never }, { $pullAll: { outbox: published } } as never);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.cycle;
  }
}
