// Priority isolation: while a bulk backlog (a newsletter to N recipients) drains through the bulk queue, one
// transactional message every 100 ms; prints the transactional p50/p99 from enqueue to the sink's 250 reply.
//   npm run bench -- priority-isolation [bulk messages] [bulk rate per second]
//   (defaults: 10 000 messages, the service's BULK_RATE_PER_SECOND)
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import {
  benchEnv, build, cleanup, newsletterEntry, percentiles, printTable, sampleRss, startNewsletterContent, startService, startSink, stack, writeResult,
} from './support/bench-kit.mjs';

const require = createRequire(import.meta.url);
const { Queue } = require('bullmq');

const BULK = Number(process.argv[2] ?? 10_000);
const BULK_RATE = process.argv[3];
const INTERVAL_MS = 100;

build();
const urls = await stack();
const sink = await startSink();
const html = `<!doctype html><html><body>${'<p>Nyhetsbrev fra nettverket. '.repeat(40)}</p><a href="%%UNSUBSCRIBE_URL%%">Avslutt</a></body></html>`;
const { prefix, env } = benchEnv(urls, { SMTP_URL: sink.smtpUrl, ...(BULK_RATE && { BULK_RATE_PER_SECOND: BULK_RATE }) });
const content = await startNewsletterContent(env.INTERNAL_API_SECRET, html, 'Nyhetsbrev. %%UNSUBSCRIBE_URL%%');
const delivery = await startService('delivery', { ...env, CAMPAIGNS_URL: content.url });
const rss = sampleRss({ delivery: delivery.child.pid });
const connection = { url: urls.redisUrl };
const bulk = new Queue('bulk', { connection, prefix });
const transactional = new Queue('transactional', { connection, prefix });

const sendId = `bench-${randomUUID()}`;
const started = Date.now();
for (let i = 0; i < BULK; i += 1_000) {
  await bulk.addBulk(Array.from({ length: Math.min(1_000, BULK - i) }, (_, j) => newsletterEntry(sendId, `b${i + j}@sink.bench`, i + j)));
}

// Transactional mail every 100 ms for as long as the backlog drains.
const enqueuedAt = new Map();
let n = 0;
let stats;
for (;;) {
  const recipient = `t${n++}@priority.bench`;
  const source = randomUUID();
  enqueuedAt.set(recipient, Date.now());
  await transactional.add('subscription-confirmation', {
    kind: 'subscription-confirmation', source, networkId: 'bench', correlationId: source, recipient, language: 'nb',
    listNames: ['Nyhetsbrev'], confirmToken: 'token', confirmBy: new Date(Date.now() + 86_400_000).toISOString(),
  }, { jobId: `bench-${source}` });
  await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS));
  stats = await sink.stats();
  if (stats.accepted - (await sink.arrivals('t').then((a) => Object.keys(a).length)) >= BULK) break;
}
await new Promise((resolve) => setTimeout(resolve, 2_000));
const arrivals = await sink.arrivals('t');
const latencies = [...enqueuedAt].map(([recipient, at]) => (arrivals[recipient] ?? Infinity) - at);
const lost = latencies.filter((ms) => ms === Infinity).length;
const { p50, p99, max } = percentiles(latencies.filter((ms) => ms !== Infinity));
const bulkSeconds = (stats.lastAt - started) / 1000;
const peaks = rss.stop();
await Promise.all([bulk.close(), transactional.close()]);
await delivery.stop();
await content.stop();
sink.stop();
await cleanup(urls, prefix);

const figures = {
  bulkMessages: BULK,
  bulkMsgPerSec: Math.round(BULK / bulkSeconds),
  transactionalMessages: enqueuedAt.size,
  transactionalNotArrived: lost,
  p50Ms: p50,
  p99Ms: p99,
  maxMs: max,
  duplicates: stats.duplicates,
  peakRssMb: peaks,
};
writeResult('priority-isolation', figures, {
  figure: `transactional p99 ${p99} ms during a ${BULK}-message bulk send (${lost} not arrived)`,
  target: 'transactional p99 under 1 s during a bulk send',
  met: p99 < 1_000 && lost === 0,
});
printTable(`priority isolation, ${BULK} bulk messages (rate limit ${BULK_RATE ?? 'default'}), one transactional every ${INTERVAL_MS} ms`, [
  ['bulk drained at', `${figures.bulkMsgPerSec} msg/s`],
  ['transactional enqueue → 250, p50 / p99 / max', `${p50} / ${p99} / ${max} ms (${enqueuedAt.size} messages, ${lost} not arrived)`],
  ['duplicates at the sink', String(stats.duplicates)],
  ['peak RSS, delivery', `${peaks.delivery} MB`],
]);
process.exit(0);
