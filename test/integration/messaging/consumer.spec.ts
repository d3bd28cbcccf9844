import { randomUUID } from 'node:crypto';
import { getConnectionToken } from '@nestjs/mongoose';
import { Kafka, logLevel, Producer } from 'kafkajs';
import { EventFactory, EventPublisher } from '@hub/messaging';
import { KafkaTopicReader, TestRun, waitFor } from '@hub/testing';
import { InProcessApp, startInProcess } from '../../support/in-process-app';
import { ConsumerTestModule, CountingHandler, ProducerTestModule } from './messaging-test.modules';

jest.setTimeout(120_000);

/** The consumer side of the messaging lib against a real broker: idempotence, bounded retries, dead letters. */
describe('idempotent consumer with dead-letter topic', () => {
  const run = new TestRun();
  const topic = `${run.topicPrefix}audience.subscription.confirmed`;
  let producer: InProcessApp;
  let consumer: InProcessApp;
  let handler: CountingHandler;
  let events: EventFactory;
  let publisher: EventPublisher;
  let deadLetters: KafkaTopicReader;
  let raw: Producer;

  beforeAll(async () => {
    const env = run.env({ KAFKA_HANDLER_ATTEMPTS: '3', KAFKA_RETRY_BACKOFF_MS: '20' });
    producer = await startInProcess(ProducerTestModule.forRoot(env));
    consumer = await startInProcess(ConsumerTestModule.forRoot(env));
    handler = consumer.app.get(CountingHandler);
    events = producer.app.get(EventFactory);
    publisher = producer.app.get(EventPublisher);
    deadLetters = await new KafkaTopicReader(run.stack.kafkaBrokers, `${topic}.dlq`).start();
    raw = new Kafka({ brokers: run.stack.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await raw.connect();
  });

  afterAll(async () => {
    await raw?.disconnect();
    await deadLetters?.stop();
    await producer?.close();
    await consumer?.close();
    await run.cleanup();
  });

  const event = (contactId: string, mailbox = 'ok') =>
    events.create('audience.subscription.confirmed', {
      networkId: 'network-1',
      key: contactId,
      payload: { contactId, email: `${mailbox}@example.test`, language: 'sv', listIds: ['list-1'] },
    });
  const applied = (contactId: string, count: number) =>
    waitFor(`${contactId} applied ${count} time(s)`, async () => ((await handler.applied(contactId)) === count ? true : undefined));

  it('runs a handler declared idempotent for every copy, without recording the event as processed', async () => {
    const contactId = randomUUID();
    const unsubscribed = events.create('audience.subscription.unsubscribed', {
      networkId: 'network-1',
      key: contactId,
      payload: { contactId, email: 'ok@example.test', listIds: ['list-1'], all: false, method: 'api' },
    });
    await publisher.publish([unsubscribed]);
    await publisher.publish([unsubscribed]);
    await waitFor('both copies handled', () => (handler.calls.get(unsubscribed.id) === 2 ? true : undefined));
    const processed = consumer.app.get(getConnectionToken()).collection('processed_events');
    expect(await processed.countDocuments({ _id: unsubscribed.id })).toBe(0);
  });

  it('applies the same event delivered twice only once', async () => {
    const contactId = randomUUID();
    const once = event(contactId);
    await publisher.publish([once]);
    await publisher.publish([once]);
    const later = event(contactId);
    await publisher.publish([later]);
    // The later event on the same key is applied after both copies, so by then the duplicate has been seen.
    await waitFor('the later event', () => (handler.calls.get(later.id) ? true : undefined));
    expect(await handler.applied(contactId)).toBe(2);
    expect(handler.calls.get(once.id)).toBe(1);
  });

  it('retries a failing handler and applies the event once it succeeds', async () => {
    const contactId = randomUUID();
    const flaky = event(contactId, 'fail-twice');
    await publisher.publish([flaky]);
    await applied(contactId, 1);
    expect(handler.calls.get(flaky.id)).toBe(3);
    expect(deadLetters.messages.find((m) => m.headers['event-id'] === flaky.id)).toBeUndefined();
  });

  it('waits while the database is full instead of dead-lettering, and applies the event once it takes writes', async () => {
    const contactId = randomUUID();
    const waiting = event(contactId, 'disk-full');
    await publisher.publish([waiting]);
    await applied(contactId, 1);
    expect(handler.calls.get(waiting.id)).toBe(7);
    expect(deadLetters.messages.find((m) => m.headers['event-id'] === waiting.id)).toBeUndefined();
  });

  it('dead-letters a message that is not an event, and goes on with the partition', async () => {
    const key = randomUUID();
    await raw.send({ topic, messages: [{ key, value: 'this is not json' }] });
    const after = event(key);
    await publisher.publish([after]);
    await applied(key, 1);
    const letter = await waitFor('the poison message in the DLQ', () => deadLetters.messages.find((m) => m.key === key));
    expect(letter.value).toBe('this is not json');
    expect(letter.headers['dlq-error']).toBe('not JSON');
    expect(letter.headers['dlq-original-topic']).toBe(topic);
  });

  it('dead-letters an event whose handler keeps failing after the configured attempts, and goes on', async () => {
    const contactId = randomUUID();
    const poison = event(contactId, 'fail-always');
    await publisher.publish([poison]);
    const healthy = event(contactId);
    await publisher.publish([healthy]);
    await applied(contactId, 1);
    const letter = await waitFor('the failing event in the DLQ', () => deadLetters.messages.find((m) => m.headers['event-id'] === poison.id));
    expect(handler.calls.get(poison.id)).toBe(3);
    expect(letter.headers['dlq-attempts']).toBe('3');
    expect(letter.headers['dlq-error']).toBe('handler always fails for this one');
    expect(JSON.parse(letter.value!).id).toBe(poison.id);
  });

  it('dead-letters an event whose payload breaks its schema', async () => {
    const key = randomUUID();
    const broken = { ...event(key), payload: { contactId: key, email: 'not-an-email' } };
    await raw.send({ topic, messages: [{ key, value: JSON.stringify(broken) }] });
    const letter = await waitFor('the invalid event in the DLQ', () => deadLetters.messages.find((m) => m.key === key));
    expect(letter.headers['dlq-error']).toMatch(/^payload does not match its schema/);
    expect(handler.calls.get(broken.id)).toBeUndefined();
  });
});
