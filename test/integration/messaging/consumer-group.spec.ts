import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { EventFactory, EventPublisher } from '@hub/messaging';
import { TestRun, waitFor } from '@hub/testing';
import { InProcessApp, startInProcess } from '../../support/in-process-app';
import { ConsumerTestModule, CountingHandler, ProducerTestModule } from './messaging-test.modules';

jest.setTimeout(120_000);

/**
 * kafkajs against the real broker, as the hub scales out: two replicas of one service form one consumer group and
 * split the partitions, offsets are committed, and when one replica leaves the other takes over its partitions.
 */
describe('two replicas of a service in one consumer group', () => {
  const run = new TestRun();
  let producer: InProcessApp;
  let replicaA: InProcessApp;
  let replicaB: InProcessApp;

  beforeAll(async () => {
    producer = await startInProcess(ProducerTestModule.forRoot(run.env()));
    replicaA = await startInProcess(ConsumerTestModule.forRoot(run.env()));
    replicaB = await startInProcess(ConsumerTestModule.forRoot(run.env()));
  });

  afterAll(async () => {
    await producer?.close();
    await replicaA?.close();
    await replicaB?.close();
    await run.cleanup();
  });

  async function publish(count: number): Promise<string[]> {
    const events = producer.app.get(EventFactory);
    const batch = Array.from({ length: count }, () => {
      const contactId = randomUUID();
      return events.create('audience.subscription.confirmed', {
        networkId: 'network-1',
        key: contactId,
        payload: { contactId, email: 'ok@example.test', language: 'fi', listIds: ['list-1'] },
      });
    });
    await producer.app.get(EventPublisher).publish(batch);
    return batch.map((event) => event.payload.contactId);
  }

  const handlerOf = (replica: InProcessApp) => replica.app.get(CountingHandler);
  const handled = (replica: InProcessApp) => [...handlerOf(replica).calls.values()].reduce((sum, n) => sum + n, 0);

  it('shares the partitions, applies each event once, and moves a leaving replica’s partitions to the other', async () => {
    // Both replicas must have joined before the first batch, or one of them takes all partitions.
    await waitFor('both replicas to be assigned partitions', async () => {
      const probe = await publish(6);
      await waitFor('the probe batch', async () => {
        const counts = await Promise.all(probe.map((id) => handlerOf(replicaA).applied(id)));
        return counts.every((n) => n === 1) ? true : undefined;
      });
      return handled(replicaA) > 0 && handled(replicaB) > 0 ? true : undefined;
    }, { timeoutMs: 60_000, intervalMs: 500 });

    const first = await publish(30);
    await waitFor('the first batch applied', async () => {
      const counts = await Promise.all(first.map((id) => handlerOf(replicaA).applied(id)));
      return counts.every((n) => n === 1) ? true : undefined;
    });

    await replicaB.close();
    const before = handled(replicaA);
    const second = await publish(30);
    await waitFor('the surviving replica to apply the second batch', async () => {
      const counts = await Promise.all(second.map((id) => handlerOf(replicaA).applied(id)));
      return counts.every((n) => n === 1) ? true : undefined;
    }, { timeoutMs: 60_000 });
    expect(handled(replicaA) - before).toBe(30);
    const all = await Promise.all([...first, ...second].map((id) => handlerOf(replicaA).applied(id)));
    expect(all.every((n) => n === 1)).toBe(true);

    // The group committed its offsets up to the end of every partition: a restart would re-read nothing.
    const admin = new Kafka({ brokers: run.stack.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const topic = `${run.topicPrefix}audience.subscription.confirmed`;
      const ends = await admin.fetchTopicOffsets(topic);
      await waitFor('committed offsets at the end of each partition', async () => {
        const [committed] = await admin.fetchOffsets({ groupId: `${run.topicPrefix}consumer-test`, topics: [topic] });
        const lagging = ends.filter((end) => committed.partitions.find((p) => p.partition === end.partition)?.offset !== end.offset);
        return lagging.length === 0 ? true : undefined;
      });
    } finally {
      await admin.disconnect();
    }
  });
});
