import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Model } from 'mongoose';
import type { EventEnvelope } from '@hub/contracts';
import { EventPublisher } from './event.publisher';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import type { WithOutbox } from './outbox';

const DOCUMENTS_PER_CYCLE = 200;

/**
 * Publishes what aggregates wrote to their outbox, then removes it. Publish-then-remove means a crash in between
 * publishes again on restart (at least once); consumers are idempotent, so the effect happens once. Several replicas
 * may run relays at once: the worst case is the same duplicate, never a loss.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly sources: Array<Model<WithOutbox>> = [];
  private timer: NodeJS.Timeout | undefined;
  private cycle: Promise<unknown> | undefined;
  private again = false;
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
    this.nudge();
  }

  /** Asks for a cycle now instead of at the next poll: a write just put something in an outbox. */
  nudge(): void {
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
          this.timer = setTimeout(() => this.nudge(), this.options.outboxPollIntervalMs);
        }
      });
  }

  /** Publishes every pending event once; returns how many were published. */
  async runCycle(): Promise<number> {
    let published = 0;
    for (const model of this.sources) {
      const pending = await model
        .find({ 'outbox.0': { $exists: true } }, { outbox: 1 })
        .limit(DOCUMENTS_PER_CYCLE)
        .lean<Array<{ _id: unknown; outbox: EventEnvelope[] }>>()
        .exec();
      for (const document of pending) {
        await this.publisher.publish(document.outbox);
        await this.markPublished(model, document._id, document.outbox);
        published += document.outbox.length;
      }
      if (pending.length === DOCUMENTS_PER_CYCLE) this.again = true;
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
