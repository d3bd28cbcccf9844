// Delivery throughput: N transactional messages, then N newsletter copies on the bulk queue, through the whole
// pipeline (BullMQ on Redis, suppression check, claim and outcome in FerretDB, outcome events on Kafka, SMTP) into
// the counting sink, against the ceiling of a bare nodemailer pool sending the same messages to the same sink in the
// same run.
//   npm run bench -- delivery-throughput [messages]     (default 10 000)
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { benchEnv, build, cleanup, cpuSeconds, stackPid, newsletterEntry, printTable, sampleRss, startNewsletterContent, startService, startSink, stack, writeResult } from './support/bench-kit.mjs';

const require = createRequire(import.meta.url);
const nodemailer = require('nodemailer');
const { Queue } = require('bullmq');

const MESSAGES = Number(process.argv[2] ?? 10_000);
const POOL = 5;
const CONCURRENCY = 20;
/** Jobs each queue's worker runs at once (BULK_CONCURRENCY, TRANSACTIONAL_CONCURRENCY). */
const WORKER_CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 20);

build();
const urls = await stack();
const sink = await startSink();
const html = `<!doctype html><html><body>${'<p>Nyhetsbrev fra nettverket. '.repeat(40)}</p></body></html>`;
const text = 'Nyhetsbrev fra nettverket. '.repeat(40);

// The ceiling: a bare pool, no queue, no bookkeeping.
// The same connection and message options as delivery's pools (url parsed, TCP_NODELAY, quoted-printable said rather
// than detected): bare nodemailer at its best.
const { smtpPoolOptions } = require('../dist/apps/delivery/src/smtp/smtp-connection.options.js');
const transport = nodemailer.createTransport(smtpPoolOptions(sink.smtpUrl, POOL));
const ceilingCpu = process.cpuUsage();
let started = Date.now();
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < MESSAGES) {
      const i = next++;
      await transport.sendMail({ from: 'bench@hub.bench', to: `ceiling${i}@sink.bench`, subject: 'Bench', textEncoding: 'quoted-printable', html, text });
    }
  }),
);
const ceilingSeconds = (Date.now() - started) / 1000;
const { user, system } = process.cpuUsage(ceilingCpu);
transport.close();
await sink.reset();

// The pipeline.
const { prefix, env } = benchEnv(urls, {
  SMTP_URL: sink.smtpUrl,
  SMTP_POOL_CONNECTIONS: String(POOL),
  TRANSACTIONAL_CONCURRENCY: String(WORKER_CONCURRENCY),
  TRANSACTIONAL_RATE_PER_SECOND: '100000',
  BULK_SMTP_POOL_CONNECTIONS: String(POOL),
  BULK_CONCURRENCY: String(WORKER_CONCURRENCY),
  BULK_RATE_PER_SECOND: '100000',
});
const content = await startNewsletterContent(env.INTERNAL_API_SECRET, html, text);
const delivery = await startService('delivery', { ...env, CAMPAIGNS_URL: content.url });
const rss = sampleRss({ delivery: delivery.child.pid });
const queue = new Queue('transactional', { connection: { url: urls.redisUrl }, prefix });
// FerretDB's share counts anything else using the same stack meanwhile: an upper bound on a shared machine.
const ferretdb = stackPid('ferretdb');
const ferretdbCpu = () => (ferretdb ? cpuSeconds(ferretdb) : NaN);
const deliveryCpuAtStart = cpuSeconds(delivery.child.pid);
const ferretdbCpuAtStart = ferretdbCpu();
started = Date.now();
for (let i = 0; i < MESSAGES; i += 1_000) {
  await queue.addBulk(
    Array.from({ length: Math.min(1_000, MESSAGES - i) }, (_, j) => {
      const source = randomUUID();
      return {
        name: 'subscription-confirmation',
        data: {
          kind: 'subscription-confirmation',
          source,
          networkId: 'bench',
          correlationId: source,
          recipient: `p${i + j}@sink.bench`,
          language: 'nb',
          listNames: ['Nyhetsbrev'],
          confirmToken: 'token',
          confirmBy: new Date(Date.now() + 86_400_000).toISOString(),
        },
        opts: { jobId: `bench-${source}` },
      };
    }),
  );
}
const enqueueSeconds = (Date.now() - started) / 1000;
let stats;
for (;;) {
  stats = await sink.stats();
  if (stats.accepted >= MESSAGES) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const pipelineSeconds = (stats.lastAt - started) / 1000;
const deliveryCpuAfterTransactional = cpuSeconds(delivery.child.pid);
const ferretdbCpuAfterTransactional = ferretdbCpu();

// The bulk path: one newsletter send to N recipients, fetched from (a stand-in of) campaigns, through the bulk queue.
await sink.reset();
const bulk = new Queue('bulk', { connection: { url: urls.redisUrl }, prefix });
const sendId = `bench-${randomUUID()}`;
const bulkStarted = Date.now();
for (let i = 0; i < MESSAGES; i += 1_000) {
  await bulk.addBulk(Array.from({ length: Math.min(1_000, MESSAGES - i) }, (_, j) => newsletterEntry(sendId, `n${i + j}@sink.bench`, i + j)));
}
let bulkStats;
for (;;) {
  bulkStats = await sink.stats();
  if (bulkStats.accepted >= MESSAGES) break;
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const bulkSeconds = (bulkStats.lastAt - bulkStarted) / 1000;
const deliveryCpuAfterBulk = cpuSeconds(delivery.child.pid);
const ferretdbCpuAfterBulk = ferretdbCpu();
const peaks = rss.stop();
await queue.close();
await bulk.close();
await delivery.stop();
await content.stop();
sink.stop();
await cleanup(urls, prefix);

const figures = {
  messages: MESSAGES,
  ceilingMsgPerSec: Math.round(MESSAGES / ceilingSeconds),
  msgPerSec: Math.round(MESSAGES / pipelineSeconds),
  ratioOfCeiling: Number((MESSAGES / pipelineSeconds / (MESSAGES / ceilingSeconds)).toFixed(2)),
  timeToFirstMessageMs: stats.firstAt - started,
  enqueueSeconds: Number(enqueueSeconds.toFixed(1)),
  duplicates: stats.duplicates,
  bulkMsgPerSec: Math.round(MESSAGES / bulkSeconds),
  bulkRatioOfCeiling: Number((MESSAGES / bulkSeconds / (MESSAGES / ceilingSeconds)).toFixed(2)),
  bulkDuplicates: bulkStats.duplicates,
  ceilingCpuMsPerMessage: Number(((user + system) / 1000 / MESSAGES).toFixed(2)),
  deliveryCpuMsPerMessage: Number(((1000 * (deliveryCpuAfterTransactional - deliveryCpuAtStart)) / MESSAGES).toFixed(2)),
  bulkDeliveryCpuMsPerMessage: Number(((1000 * (deliveryCpuAfterBulk - deliveryCpuAfterTransactional)) / MESSAGES).toFixed(2)),
  ferretdbCpuMsPerMessage: Number(((1000 * (ferretdbCpuAfterTransactional - ferretdbCpuAtStart)) / MESSAGES).toFixed(2)),
  bulkFerretdbCpuMsPerMessage: Number(((1000 * (ferretdbCpuAfterBulk - ferretdbCpuAfterTransactional)) / MESSAGES).toFixed(2)),
  peakRssMb: peaks,
};
writeResult('delivery-throughput', figures, {
  figure: `transactional ${figures.msgPerSec} msg/s (${Math.round(figures.ratioOfCeiling * 100)} %), bulk ${figures.bulkMsgPerSec} msg/s (${Math.round(figures.bulkRatioOfCeiling * 100)} %) of a ${figures.ceilingMsgPerSec} msg/s ceiling; ${figures.duplicates + figures.bulkDuplicates} duplicates`,
  target: '80 % of the ceiling, never under 800 msg/s, no duplicates',
  met: figures.bulkRatioOfCeiling >= 0.8 && figures.bulkMsgPerSec >= 800 && figures.duplicates + figures.bulkDuplicates === 0,
});
printTable(`delivery throughput, ${MESSAGES} messages, pool ${POOL}, worker concurrency ${WORKER_CONCURRENCY}`, [
  ['bare nodemailer pool (ceiling)', `${figures.ceilingMsgPerSec} msg/s`],
  ['full pipeline, transactional queue', `${figures.msgPerSec} msg/s (${Math.round(figures.ratioOfCeiling * 100)} % of ceiling)`],
  ['full pipeline, bulk queue (newsletter)', `${figures.bulkMsgPerSec} msg/s (${Math.round(figures.bulkRatioOfCeiling * 100)} % of ceiling)`],
  ['CPU per message, sender only', `bare pool ${figures.ceilingCpuMsPerMessage} ms; delivery ${figures.deliveryCpuMsPerMessage} ms transactional, ${figures.bulkDeliveryCpuMsPerMessage} ms bulk`],
  ['FerretDB CPU per message (whole server)', `${figures.ferretdbCpuMsPerMessage} ms transactional, ${figures.bulkFerretdbCpuMsPerMessage} ms bulk`],
  ['first message after enqueue', `${figures.timeToFirstMessageMs} ms`],
  ['duplicates at the sink', `${figures.duplicates} transactional, ${figures.bulkDuplicates} bulk`],
  ['peak RSS, delivery', `${peaks.delivery} MB`],
]);
process.exit(0);
