// Kafka event latency from a state change to the consumer's effect, on the subscribe path: audience stores a
// pending subscription and its `audience.subscription.requested` event in one write (outbox); the relay publishes
// it; delivery consumes it and enqueues the confirmation job. Measured per event, from the event's occurredAt (the
// state change) and from the Kafka record's timestamp (the publish) to the BullMQ job's timestamp (the effect).
// Subscriptions are sent one at a time, EVENTS of them (default 300), so the figure is latency, not queueing.
// Mail goes to the counting sink.
//   npm run bench -- event-latency [events]
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { benchEnv, build, cleanup, percentiles, printTable, stack, startService, startSink, writeResult } from './support/bench-kit.mjs';

const require = createRequire(import.meta.url);
const { Queue } = require('bullmq');
const { Kafka, logLevel } = require('kafkajs');

const EVENTS = Number(process.argv[2] ?? 300);
const networkId = randomUUID();

build();
const urls = await stack();
const sink = await startSink();
const { prefix, env } = benchEnv(urls, { SMTP_URL: sink.smtpUrl, CONFIRMATION_RESEND_MINUTES: '0' });
const audience = await startService('audience', env);
const delivery = await startService('delivery', env);
const call = async (method, path, body) => {
  const response = await fetch(`${audience.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-internal-secret': env.INTERNAL_API_SECRET },
    body: body && JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
};
const queue = new Queue('transactional', { connection: { url: urls.redisUrl }, prefix });
const kafka = new Kafka({ brokers: urls.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
const consumer = kafka.consumer({ groupId: `${prefix}.bench-reader` });

try {
  const list = await call('POST', `/internal/networks/${networkId}/lists`, { names: { nb: 'Bench' }, isPublic: true, defaultLanguage: 'nb' });
  // The events as they are published, by recipient: id, occurredAt in the envelope, and the record's publish time.
  const events = new Map();
  const eventOf = async (email) => {
    for (let i = 0; i < 600 && !events.has(email); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    if (!events.has(email)) throw new Error(`no event for ${email}`);
    return events.get(email);
  };
  const jobOf = async (eventId) => {
    for (let i = 0; i < 600; i++) {
      const job = await queue.getJob(`subscription-confirmation-${eventId}`);
      if (job) return job;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no job for event ${eventId}`);
  };
  const subscribe = (email) => call('POST', `/internal/networks/${networkId}/subscriptions`, { email, language: 'nb', listIds: [list.id] });

  // Warm-up: the first event creates the topic and pays for the consumers' first fetch.
  await subscribe('warm0@sink.bench');
  await consumer.connect();
  await consumer.subscribe({ topic: `${prefix}.audience.subscription.requested`, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const envelope = JSON.parse(message.value.toString());
      events.set(envelope.payload.email, { id: envelope.id, occurredAt: Date.parse(envelope.occurredAt), publishedAt: Number(message.timestamp) });
    },
  });
  for (let i = 1; i < 5; i++) await subscribe(`warm${i}@sink.bench`);
  await jobOf((await eventOf('warm4@sink.bench')).id);

  const requests = [];
  for (let i = 0; i < EVENTS; i++) {
    const email = `p${i}@sink.bench`;
    const sentAt = Date.now();
    await subscribe(email);
    // One at a time: this event's job exists before the next state change.
    const event = await eventOf(email);
    const job = await jobOf(event.id);
    requests.push({ sentAt, jobAt: job.timestamp, event });
  }
  await consumer.disconnect();

  const fromChange = [];
  const fromPublish = [];
  const fromRequest = [];
  for (const { sentAt, jobAt, event } of requests) {
    fromChange.push(jobAt - event.occurredAt);
    fromPublish.push(jobAt - event.publishedAt);
    fromRequest.push(jobAt - sentAt);
  }
  const summary = (values) => {
    const { p50, p99, max } = percentiles(values);
    return { p50Ms: p50, p99Ms: p99, maxMs: max };
  };
  const figures = {
    events: EVENTS,
    path: 'audience.subscription.requested -> delivery enqueues the confirmation job',
    stateChangeToEffect: summary(fromChange),
    publishToEffect: summary(fromPublish),
    requestToEffect: summary(fromRequest),
    p50Ms: summary(fromChange).p50Ms,
    p99Ms: summary(fromChange).p99Ms,
  };
  writeResult('event-latency', figures, {
    figure: `state change → consumer's effect p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms`,
    target: null,
    met: null,
  });
  printTable(`Event latency over ${EVENTS} events, one at a time (p50 / p99 / max)`, [
    ['state change → job enqueued', `${figures.stateChangeToEffect.p50Ms} / ${figures.stateChangeToEffect.p99Ms} / ${figures.stateChangeToEffect.maxMs} ms`],
    ['Kafka publish → job enqueued', `${figures.publishToEffect.p50Ms} / ${figures.publishToEffect.p99Ms} / ${figures.publishToEffect.maxMs} ms`],
    ['HTTP request → job enqueued', `${figures.requestToEffect.p50Ms} / ${figures.requestToEffect.p99Ms} / ${figures.requestToEffect.maxMs} ms`],
  ]);
} finally {
  await queue.close();
  await delivery.stop();
  await audience.stop();
  sink.stop();
  await cleanup(urls, prefix);
}
process.exit(0);
