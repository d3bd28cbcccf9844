import { Controller, DynamicModule, Injectable, Module } from '@nestjs/common';
import { InjectConnection, InjectModel, MongooseModule, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Payload } from '@nestjs/microservices';
import type { Connection, Model } from 'mongoose';
import { z } from 'zod';
import { kafkaEnv, loadConfig, mongoEnv, serviceEnv } from '@hub/config';
import type { EventEnvelope, SubscriptionConfirmedPayload, SubscriptionUnsubscribedPayload } from '@hub/contracts';
import { OnEvent, outboxBatchesOf, outboxField, OutboxRelay, WithOutbox } from '@hub/messaging';
import { Repository } from '@hub/persistence';
import { ServiceCoreModule } from '@hub/runtime';

/*
 * Two tiny services built from the real libs, for testing the messaging guarantees on the real stack: a producer
 * whose aggregate carries an outbox, and a consumer whose handler has a visible, countable effect.
 */

const coreSchema = z.object({ ...serviceEnv.shape, ...mongoEnv.shape, ...kafkaEnv.shape });
export const coreConfig = (env: Record<string, string>) => loadConfig(coreSchema, env);

@Schema({ collection: 'test_aggregates', versionKey: false })
export class TestAggregate implements WithOutbox {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop(outboxField)
  outbox!: EventEnvelope[];
}
const TestAggregateSchema = SchemaFactory.createForClass(TestAggregate);

@Injectable()
export class TestAggregateRepository extends Repository<TestAggregate> {
  constructor(
    @InjectModel(TestAggregate.name) model: Model<TestAggregate>,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
    relay.watch(model, { batches: true });
  }

  /**
   * As an import writes: the events of many new aggregates in one outbox batch, then the aggregates inserted. Only
   * `insert` of them are; `close: 'stored'` tells the relay which, `'unknown'` does not (a failed insert), and `'never'`
   * leaves the batch open, as a writer that died before closing it would.
   */
  async insertWithBatch(written: Array<{ id: string; event: EventEnvelope }>, insert: string[], close: 'stored' | 'unknown' | 'never'): Promise<void> {
    const batch = await this.relay.openBatch(this.model, written.map(({ id, event }) => ({ documentId: id, events: [event] })));
    await this.insertWithoutEvents(insert);
    if (close !== 'never') this.relay.closeBatch(batch, close === 'stored' ? insert : null);
  }

  /**
   * As delivery writes outcomes: the events of updates of existing aggregates in one outbox batch, each entry naming
   * the status its update sets; then only the `update` ones updated. `'landed'` tells the relay which, `'unknown'`
   * does not (a failed write), `'never'` leaves the batch open (a writer that died before closing it).
   */
  async updateWithBatch(written: Array<{ id: string; event: EventEnvelope }>, update: string[], close: 'landed' | 'unknown' | 'never'): Promise<void> {
    const batch = await this.relay.openBatch(this.model, written.map(({ id, event }) => ({ documentId: id, events: [event], landed: { status: 'done' } })));
    await this.model.collection.updateMany({ _id: { $in: update } } as never, { $set: { status: 'done' } });
    if (close !== 'never') this.relay.closeBatch(batch, close === 'landed' ? update : null);
  }

  /** Aggregates stored without events of their own (whose events a batch holds). */
  async insertWithoutEvents(ids: string[]): Promise<void> {
    await this.model.collection.insertMany(ids.map((id) => ({ _id: id as never, outbox: [] })));
  }

  batchCollection() {
    return outboxBatchesOf(this.model);
  }

  /** The state change and its event in one insert. */
  async create(id: string, event: EventEnvelope): Promise<void> {
    await this.model.create({ _id: id, outbox: [event] });
  }

  /**
   * As a hot path writes: the event stored, then the relay nudged with it. `storedAs` stands for a schema that
   * recasts what it stores, so that the relay's copy differs from the stored one.
   */
  async createAndNudge(id: string, event: EventEnvelope, storedAs: EventEnvelope = event): Promise<void> {
    await this.model.create({ _id: id, outbox: [storedAs] });
    this.relay.nudge(this.model, id, [event]);
  }

  async pending(id: string): Promise<string[]> {
    const doc = await this.model.findById(id).lean<TestAggregate>().exec();
    return (doc?.outbox ?? []).map((event) => event.id);
  }
}

/** The same aggregate in a large collection: watched with `rareSweeps`, so its periodic sweeps are rare. */
@Schema({ collection: 'test_large_aggregates', versionKey: false })
export class LargeAggregate extends TestAggregate {}
const LargeAggregateSchema = SchemaFactory.createForClass(LargeAggregate);

@Injectable()
export class LargeAggregateRepository extends Repository<LargeAggregate> {
  constructor(@InjectModel(LargeAggregate.name) model: Model<LargeAggregate>, relay: OutboxRelay) {
    super(model);
    relay.watch(model, { rareSweeps: true });
  }

  /** Written without a nudge: only a sweep that covers this collection finds the event. */
  async create(id: string, event: EventEnvelope): Promise<void> {
    await this.model.create({ _id: id, outbox: [event] });
  }
}

@Module({})
export class ProducerTestModule {
  static forRoot(env: Record<string, string>): DynamicModule {
    return {
      module: ProducerTestModule,
      imports: [
        ServiceCoreModule.forRoot({ service: 'producer-test', config: coreConfig(env) }),
        MongooseModule.forFeature([
          { name: TestAggregate.name, schema: TestAggregateSchema },
          { name: LargeAggregate.name, schema: LargeAggregateSchema },
        ]),
      ],
      providers: [TestAggregateRepository, LargeAggregateRepository],
    };
  }
}

/** How often the handler has been called for an event id, and the effect it applied, kept in MongoDB. */
@Controller()
export class CountingHandler {
  readonly calls = new Map<string, number>();

  constructor(@InjectConnection() private readonly connection: Connection) {}

  @OnEvent('audience.subscription.confirmed')
  async onConfirmed(@Payload() event: EventEnvelope<SubscriptionConfirmedPayload>): Promise<void> {
    const calls = (this.calls.get(event.id) ?? 0) + 1;
    this.calls.set(event.id, calls);
    const mode = event.payload.email.split('@')[0];
    if (mode === 'fail-always') throw new Error('handler always fails for this one');
    if (mode === 'fail-twice' && calls <= 2) throw new Error(`transient failure ${calls}`);
    // What FerretDB answers while its disk is full (see the storage-unavailable integration test), for longer than
    // the handler's attempts would last.
    if (mode === 'disk-full' && calls <= 6) throw Object.assign(new Error('[collection.go:135 sqlite.(*collection).InsertAll.func1] database or disk is full (13)'), { name: 'MongoServerError', code: 1 });
    // Deliberately not idempotent ($inc), so a second application would show.
    await this.connection.collection('effects').updateOne({ _id: event.payload.contactId as never }, { $inc: { applied: 1 } }, { upsert: true });
  }

  /** Declared idempotent: runs for every copy of an event, with no processed-event bookkeeping. */
  @OnEvent('audience.subscription.unsubscribed', { idempotent: true })
  onUnsubscribed(@Payload() event: EventEnvelope<SubscriptionUnsubscribedPayload>): void {
    this.calls.set(event.id, (this.calls.get(event.id) ?? 0) + 1);
  }

  async applied(contactId: string): Promise<number> {
    const doc = await this.connection.collection('effects').findOne({ _id: contactId as never });
    return (doc?.applied as number | undefined) ?? 0;
  }
}

@Module({})
export class ConsumerTestModule {
  static forRoot(env: Record<string, string>): DynamicModule {
    return {
      module: ConsumerTestModule,
      imports: [ServiceCoreModule.forRoot({ service: 'consumer-test', config: coreConfig(env) })],
      controllers: [CountingHandler],
    };
  }
}
