// Newsletter fan-out end to end: N confirmed subscribers in 3 overlapping lists, one newsletter in two languages,
// from "send" (POST through the gateway) to the last 250 reply at the counting SMTP sink, with every service a real
// process (gateway, audience, campaigns, delivery) and a bare nodemailer pool's rate into the same sink as ceiling.
//   npm run bench -- newsletter-fanout [subscribers]     (default 100 000)
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { benchEnv, build, cleanup, printTable, samplePeakHeap, sampleRss, signInAsDemoOwner, startHub, startSink, stack, writeResult } from './support/bench-kit.mjs';

const require = createRequire(import.meta.url);
const nodemailer = require('nodemailer');
const { MongoClient } = require('mongodb');

const SUBSCRIBERS = Number(process.argv[2] ?? 100_000);
const POOL = 5;
const CONCURRENCY = 20;
const NETWORK = { id: '5308cfeb-3a0f-4a1b-9d60-1a5fa3df4f66', slug: 'klimatkommunerna' }; // demo data: sv, en

build();
const urls = await stack();
const sink = await startSink();

// The ceiling: a bare pool with a newsletter-sized message, no queue, no bookkeeping.
const html = `<!doctype html><html><body>${'<p>Nyhetsbrev från nätverket. '.repeat(150)}</p></body></html>`;
// The same connection and message options as delivery's pools (url parsed, TCP_NODELAY, quoted-printable said rather
// than detected): bare nodemailer at its best.
const { smtpPoolOptions } = require('../dist/apps/delivery/src/smtp/smtp-connection.options.js');
const transport = nodemailer.createTransport(smtpPoolOptions(sink.smtpUrl, POOL));
let started = Date.now();
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < SUBSCRIBERS) {
      const i = next++;
      await transport.sendMail({ from: 'bench@hub.bench', to: `ceiling${i}@sink.bench`, subject: 'Bench', textEncoding: 'quoted-printable', html, text: 'Nyhetsbrev. '.repeat(150) });
    }
  }),
);
const ceilingSeconds = (Date.now() - started) / 1000;
transport.close();
await sink.reset();

const { prefix, env } = benchEnv(urls, {
  SMTP_URL: sink.smtpUrl,
  BULK_SMTP_POOL_CONNECTIONS: String(POOL),
  BULK_CONCURRENCY: String(CONCURRENCY),
  BULK_RATE_PER_SECOND: '100000',
  OUTBOX_POLL_INTERVAL_MS: '2000',
});
const hub = await startHub(urls, env, { DEMO_DATA: 'true' });
const gateway = hub.url('gateway');
const api = await signInAsDemoOwner(gateway);
await api('PATCH', '/api/v1/network', { sender: { fromName: 'Klimatkommunerna', fromAddress: 'kansliet@klimatkommunerna.example', replyTo: null, postalAddress: 'Box 1, 111 11 Stockholm' } });
const lists = [];
for (const name of ['Nyhetsbrev', 'Energi', 'Klimat']) lists.push((await api('POST', '/api/v1/lists', { names: { sv: name }, defaultLanguage: 'sv', isPublic: true })).id);

// Subscribers are written straight into audience's database, as a finished import leaves them: every one on at least
// one list, about half on two or three, half Swedish and half English.
const mongo = await MongoClient.connect(urls.mongoUrl);
const contacts = mongo.db(`${prefix}_audience`).collection('contacts');
const confirmedAt = new Date(Date.now() - 86_400_000);
const seedStarted = Date.now();
for (let i = 0; i < SUBSCRIBERS; i += 1_000) {
  await contacts.insertMany(
    Array.from({ length: Math.min(1_000, SUBSCRIBERS - i) }, (_, j) => {
      const n = i + j;
      const on = lists.filter((_, l) => l === n % 3 || (n % 2 === 0 && l === (n + 1) % 3));
      return {
        _id: randomUUID(),
        networkId: NETWORK.id,
        email: `s${n}@sink.bench`,
        name: null,
        language: n % 2 ? 'en' : 'sv',
        organisationId: null,
        role: null,
        attributes: {},
        subscriptions: Object.fromEntries(on.map((listId) => [listId, { status: 'confirmed', requestId: null, requestedAt: confirmedAt, confirmedAt, unsubscribedAt: null }])),
        lastConfirmationSentAt: null,
        consent: [],
        outbox: [],
        createdAt: confirmedAt,
        updatedAt: confirmedAt,
      };
    }),
  );
}
const seedSeconds = (Date.now() - seedStarted) / 1000;
await mongo.close();

const newsletter = await api('POST', '/api/v1/newsletters', {
  listIds: lists,
  issues: {
    sv: { subject: 'Nyhetsbrev', preheader: 'Nytt från nätverket', markdown: `# Hej\n\n${'Nyheter från nätverket. '.repeat(100)}` },
    en: { subject: 'Newsletter', preheader: 'News from the network', markdown: `# Hello\n\n${'News from the network. '.repeat(100)}` },
  },
});
// The network's profile reaches campaigns over Kafka; the preview answers once it has.
for (;;) {
  try {
    await api('GET', `/api/v1/newsletters/${newsletter.id}/preview/sv`);
    break;
  } catch {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const pids = Object.fromEntries(['gateway', 'audience', 'campaigns', 'delivery'].map((name) => [name, hub.services[name].child.pid]));
const rss = sampleRss(pids);
const heap = samplePeakHeap(Object.fromEntries(Object.keys(pids).map((name) => [name, hub.services[name].url])));
started = Date.now();
await api('POST', `/api/v1/newsletters/${newsletter.id}/send`);
let stats;
for (;;) {
  stats = await sink.stats();
  if (stats.accepted >= SUBSCRIBERS) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const seconds = (stats.lastAt - started) / 1000;
let state;
const completionDeadline = Date.now() + 120_000;
do {
  state = (await api('GET', `/api/v1/newsletters/${newsletter.id}`)).state;
  if (state !== 'completed') await new Promise((resolve) => setTimeout(resolve, 500));
} while (state !== 'completed' && Date.now() < completionDeadline);
const completedSeconds = (Date.now() - started) / 1000;
const peaks = rss.stop();
const heapPeaks = heap.stop();
await hub.stop();
sink.stop();
await cleanup(urls, prefix);

const figures = {
  subscribers: SUBSCRIBERS,
  ceilingMsgPerSec: Math.round(SUBSCRIBERS / ceilingSeconds),
  msgPerSec: Math.round(SUBSCRIBERS / seconds),
  ratioOfCeiling: Number((SUBSCRIBERS / seconds / (SUBSCRIBERS / ceilingSeconds)).toFixed(2)),
  timeToFirstMessageMs: stats.firstAt - started,
  sendToLastMessageSeconds: Number(seconds.toFixed(1)),
  sendToCompletedStateSeconds: state === 'completed' ? Number(completedSeconds.toFixed(1)) : null,
  duplicates: stats.duplicates,
  recipientsAtSink: stats.recipients,
  seedSeconds: Number(seedSeconds.toFixed(1)),
  peakRssMb: peaks,
  peakHeapUsedMb: heapPeaks,
};
writeResult('newsletter-fanout', figures, {
  figure: `${SUBSCRIBERS} recipients at ${figures.msgPerSec} msg/s (${Math.round(figures.ratioOfCeiling * 100)} % of ${figures.ceilingMsgPerSec}), first after ${figures.timeToFirstMessageMs} ms, ${figures.duplicates} duplicates`,
  target: '80 % of the ceiling, first message within 2 s, no duplicates',
  met: figures.ratioOfCeiling >= 0.8 && figures.timeToFirstMessageMs < 2_000 && figures.duplicates === 0 && figures.recipientsAtSink === SUBSCRIBERS,
});
printTable(`newsletter fan-out, ${SUBSCRIBERS} subscribers in 3 overlapping lists, sv + en, bulk pool ${POOL}, concurrency ${CONCURRENCY}`, [
  ['bare nodemailer pool (ceiling)', `${figures.ceilingMsgPerSec} msg/s`],
  ['send → last 250 at the sink', `${figures.msgPerSec} msg/s (${Math.round(figures.ratioOfCeiling * 100)} % of ceiling), ${figures.sendToLastMessageSeconds} s`],
  ['first message after "send"', `${figures.timeToFirstMessageMs} ms`],
  ['state completed after', figures.sendToCompletedStateSeconds === null ? 'not within 120 s of the last message' : `${figures.sendToCompletedStateSeconds} s`],
  ['recipients at the sink / duplicates', `${figures.recipientsAtSink} / ${figures.duplicates}`],
  ...Object.entries(peaks).map(([name, mb]) => [`peak RSS, ${name}`, `${mb} MB (JS heap in use at most ${heapPeaks[name]} MB)`]),
]);
process.exit(0);
