import { randomUUID } from 'node:crypto';
import { EventFactory, OutboxRelay } from '@hub/messaging';
import { KafkaTopicReader, TestRun, waitFor } from '@hub/testing';
import { InProcessApp, startInProcess } from '../../support/in-process-app';
import { ConsumerTestModule, CountingHandler, LargeAggregateRepository, ProducerTestModule, TestAggregateRepository } from './messaging-test.modules';

jest.setTimeout(120_000);

/**
 * The outbox guarantee: an event written with its state change reaches Kafka even if the relay dies between the
 * write and the publish, or between the publish and marking it published; and its consumer applies it once.
 * "Dies" is simulated inside one process: the relay is stopped before publishing, or its marking step fails after
 * a real publish, and then it starts again, as it would in a restarted process.
 */
describe('outbox relay', () => {
  const run = new TestRun();
  let producer: InProcessApp;
  let consumer: InProcessApp;
  let reader: KafkaTopicReader;
  let relay: OutboxRelay;
  let aggregates: TestAggregateRepository;
  let events: EventFactory;
  let handler: CountingHandler;

  beforeAll(async () => {
    producer = await startInProcess(ProducerTestModule.forRoot(run.env()));
    consumer = await startInProcess(ConsumerTestModule.forRoot(run.env()));
    relay = producer.app.get(OutboxRelay);
    aggregates = producer.app.get(TestAggregateRepository);
    events = producer.app.get(EventFactory);
    handler = consumer.app.get(CountingHandler);
    reader = await new KafkaTopicReader(run.stack.kafkaBrokers, `${run.topicPrefix}audience.subscription.confirmed`).start();
  });

  afterAll(async () => {
    await reader?.stop();
    await producer?.close();
    await consumer?.close();
    await run.cleanup();
  });

  const confirmedEvent = (contactId: string) =>
    events.create('audience.subscription.confirmed', {
      networkId: 'network-1',
      key: contactId,
      payload: { contactId, email: `ok@example.test`, language: 'nb', listIds: ['list-1'] },
    });
  const copiesOnTopic = (eventId: string) => reader.messages.filter((m) => JSON.parse(m.value!).id === eventId).length;

  it('publishes an event whose relay died between the write and the publish, once restarted', async () => {
    await relay.onModuleDestroy();
    const contactId = randomUUID();
    const event = confirmedEvent(contactId);
    await aggregates.create(contactId, event);

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(copiesOnTopic(event.id)).toBe(0);
    expect(await aggregates.pending(contactId)).toEqual([event.id]);

    relay.start();
    await waitFor('the event on the topic', () => (copiesOnTopic(event.id) === 1 ? true : undefined));
    await waitFor('the outbox to be emptied', async () => ((await aggregates.pending(contactId)).length === 0 ? true : undefined));
    await waitFor('the consumer to apply it', async () => ((await handler.applied(contactId)) === 1 ? true : undefined));
  });

  it('sweeps a collection watched with rareSweeps at start-up and when asked to sweep everything, not at every poll', async () => {
    const large = producer.app.get(LargeAggregateRepository);
    const [inLarge, inSmall] = [randomUUID(), randomUUID()];
    const [largeEvent, smallEvent] = [confirmedEvent(inLarge), confirmedEvent(inSmall)];
    await large.create(inLarge, largeEvent);
    await aggregates.create(inSmall, smallEvent);

    // The test run polls every 250 ms: the small collection's sweep finds its event, the large one's waits.
    await waitFor('the event of the small collection on the topic', () => (copiesOnTopic(smallEvent.id) === 1 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(copiesOnTopic(largeEvent.id)).toBe(0);

    relay.nudge();
    await waitFor('the event of the large collection on the topic', () => (copiesOnTopic(largeEvent.id) === 1 ? true : undefined));

    const later = randomUUID();
    const laterEvent = confirmedEvent(later);
    await large.create(later, laterEvent);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(copiesOnTopic(laterEvent.id)).toBe(0);
    await relay.onModuleDestroy();
    relay.start();
    await waitFor('the later event on the topic', () => (copiesOnTopic(laterEvent.id) === 1 ? true : undefined));
  });

  it('publishes the events a write names without reading them back, and empties the outbox', async () => {
    const model = (aggregates as unknown as { model: { findOne: (...args: unknown[]) => unknown } }).model;
    const findOne = jest.spyOn(model, 'findOne');
    const contactId = randomUUID();
    const event = confirmedEvent(contactId);
    await aggregates.createAndNudge(contactId, event);
    await waitFor('the event on the topic', () => (copiesOnTopic(event.id) === 1 ? true : undefined));
    await waitFor('the outbox to be emptied', async () => ((await aggregates.pending(contactId)).length === 0 ? true : undefined));
    expect(findOne).not.toHaveBeenCalledWith({ _id: contactId }, { outbox: 1 });
    findOne.mockRestore();
  });

  it('empties a hundred and fifty outboxes written at once (one removal request for all would deadlock FerretDB)', async () => {
    const written = await Promise.all(
      Array.from({ length: 150 }, async () => {
        const contactId = randomUUID();
        const event = confirmedEvent(contactId);
        await aggregates.createAndNudge(contactId, event);
        return { contactId, event };
      }),
    );
    await waitFor('every event on the topic', () => (written.every(({ event }) => copiesOnTopic(event.id) >= 1) ? true : undefined), { timeoutMs: 60_000 });
    const emptied = async () => (await Promise.all(written.map(({ contactId }) => aggregates.pending(contactId)))).every((pending) => pending.length === 0);
    await waitFor('every outbox emptied', async () => ((await emptied()) ? true : undefined), { timeoutMs: 60_000 });
  });

  it('removes an event stored differently from the copy it was nudged with, by its id', async () => {
    const contactId = randomUUID();
    const event = confirmedEvent(contactId);
    await aggregates.createAndNudge(contactId, event, { ...event, payload: { ...event.payload, recast: true } } as never);
    await waitFor('the event on the topic', () => (copiesOnTopic(event.id) === 1 ? true : undefined));
    await waitFor('the outbox to be emptied', async () => ((await aggregates.pending(contactId)).length === 0 ? true : undefined));
    // Emptied by the relay's own cycle, not by a sweep that would have published it a second time.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(copiesOnTopic(event.id)).toBe(1);
  });

  describe('an outbox batch (the events of a batch insert in one document)', () => {
    const batches = () => aggregates.batchCollection();
    const written = () => Array.from({ length: 3 }, () => randomUUID()).map((id) => ({ id, event: confirmedEvent(id) }));

    it.each(['stored', 'unknown'] as const)('publishes the events of the documents the insert stored (told: %s), and deletes the batch', async (close) => {
      const [a, b, refused] = written();
      await aggregates.insertWithBatch([a, b, refused], [a.id, b.id], close);
      await waitFor('both events on the topic', () => (copiesOnTopic(a.event.id) === 1 && copiesOnTopic(b.event.id) === 1 ? true : undefined));
      await waitFor('the batch deleted', async () => ((await batches().countDocuments({})) === 0 ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(copiesOnTopic(refused.event.id)).toBe(0);
      expect(copiesOnTopic(a.event.id)).toBe(1);
    });

    it.each(['landed', 'unknown'] as const)('publishes the events of the updates that landed (told: %s), and deletes the batch', async (close) => {
      const [a, b, notUpdated] = written();
      await aggregates.insertWithoutEvents([a.id, b.id, notUpdated.id]);
      await aggregates.updateWithBatch([a, b, notUpdated], [a.id, b.id], close);
      await waitFor('both events on the topic', () => (copiesOnTopic(a.event.id) === 1 && copiesOnTopic(b.event.id) === 1 ? true : undefined));
      await waitFor('the batch deleted', async () => ((await batches().countDocuments({})) === 0 ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      // The document exists, but its update did not land: no event.
      expect(copiesOnTopic(notUpdated.event.id)).toBe(0);
    });

    it('publishes the batches closed before a stop on the way down, not after a grace period', async () => {
      const [a] = written();
      await aggregates.insertWithoutEvents([a.id]);
      // Stopped, so the batch closes without a cycle to publish it: only the way down does.
      await relay.onModuleDestroy();
      await aggregates.updateWithBatch([a], [a.id], 'landed');
      expect(await batches().countDocuments({})).toBe(1);
      await relay.onModuleDestroy();
      await waitFor('the event on the topic', () => (copiesOnTopic(a.event.id) === 1 ? true : undefined), { timeoutMs: 10_000 });
      expect(await batches().countDocuments({})).toBe(0);
      relay.start();
    });

    it('is left alone while its writer may still be inserting, and taken over by a sweep once past the grace period', async () => {
      await relay.onModuleDestroy();
      const [a, b, never] = written();
      // A writer in another process that died between storing its batch and closing it, and one still writing.
      const left = [a, b, never].map(({ id, event }) => ({ documentId: id, events: [event] }));
      await batches().insertOne({ _id: 'left-behind', collection: 'test_aggregates', entries: JSON.stringify(left), createdAt: new Date(Date.now() - 60_000) });
      await batches().insertOne({ _id: 'still-writing', collection: 'test_aggregates', entries: JSON.stringify([]), createdAt: new Date() });
      await aggregates.insertWithoutEvents([a.id, b.id]);
      relay.start();

      await waitFor('the stored documents’ events on the topic', () => (copiesOnTopic(a.event.id) === 1 && copiesOnTopic(b.event.id) === 1 ? true : undefined));
      await waitFor('the batch left behind deleted', async () => ((await batches().countDocuments({ _id: 'left-behind' })) === 0 ? true : undefined));
      expect(copiesOnTopic(never.event.id)).toBe(0);
      expect(await batches().countDocuments({ _id: 'still-writing' })).toBe(1);
      await batches().deleteMany({});
    });
  });

  it('publishes again after dying between the publish and the marking, and the consumer applies it once', async () => {
    const markPublished = jest
      .spyOn(relay as unknown as { markPublished: () => Promise<void> }, 'markPublished')
      .mockRejectedValueOnce(new Error('process died before marking'));
    const contactId = randomUUID();
    const event = confirmedEvent(contactId);
    await aggregates.create(contactId, event);
    relay.nudge();

    // The first publish happened; the marking failed, so the event is still in the outbox...
    await waitFor('the first copy on the topic', () => (copiesOnTopic(event.id) >= 1 ? true : undefined));
    await waitFor('the consumer to apply the first copy', async () => ((await handler.applied(contactId)) === 1 ? true : undefined));
    // ...and the relay, running again, publishes it a second time and then marks it.
    await waitFor('the second copy on the topic', () => (copiesOnTopic(event.id) === 2 ? true : undefined));
    await waitFor('the outbox to be emptied', async () => ((await aggregates.pending(contactId)).length === 0 ? true : undefined));
    markPublished.mockRestore();

    await waitFor('the consumer to see the duplicate', () => ((handler.calls.get(event.id) ?? 0) >= 1 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await handler.applied(contactId)).toBe(1);
    expect(handler.calls.get(event.id)).toBe(1);
    const [first, second] = reader.messages.filter((m) => JSON.parse(m.value!).id === event.id);
    expect(first.key).toBe(contactId);
    expect(second.key).toBe(contactId);
    expect(first.headers['event-id']).toBe(event.id);
  });
});
