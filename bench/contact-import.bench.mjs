// CSV import: the built audience service streams a generated file of ROWS contacts (default 100 000) into one
// import; prints rows/s and audience's peak RSS, and then how long after the import's answer the outbox relay had
// published every contact's event (the import's writes are done at the answer; the events follow), how long the
// same file takes again, when every row is a known contact to merge, and a file of new people with every tenth row
// a known one (a member list re-uploaded with newcomers).
//   npm run bench -- contact-import [rows]
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { createRequire } from 'node:module';
import { benchEnv, build, cleanup, peakRssMb, printTable, stack, startService, writeResult } from './support/bench-kit.mjs';

const { Kafka, logLevel } = createRequire(import.meta.url)('kafkajs');

const ROWS = Number(process.argv[2] ?? 100_000);
const networkId = randomUUID();

build();
const urls = await stack();
const { prefix, env } = benchEnv(urls);
const audience = await startService('audience', env);
const call = async (method, path, body) => {
  const response = await fetch(`${audience.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-internal-secret': env.INTERNAL_API_SECRET },
    body: body && JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
};

try {
  const list = await call('POST', `/internal/networks/${networkId}/lists`, { names: { nb: 'Bench' }, optInMode: 'single', defaultLanguage: 'nb' });

  const known = (j) => `person${j}@kommune${j % 97}.example`;
  async function* csv(address = known) {
    yield 'email,name,language\n';
    for (let i = 0; i < ROWS; i += 1000) {
      let chunk = '';
      for (let j = i; j < Math.min(i + 1000, ROWS); j++) chunk += `${address(j)},Person ${j},${['nb', 'nn', 'sv', 'da', 'fi', 'en'][j % 6]}\n`;
      yield chunk;
    }
  }
  // The same file twice: first every row is new; the second time every row is a known contact to merge (what a
  // network re-uploading its member list does).
  const upload = async (address) => {
    const job = await call('POST', `/internal/networks/${networkId}/contact-imports`, { listIds: [list.id], consentBasis: 'benchmark', defaultLanguage: 'nb' });
    const response = await fetch(`${audience.url}/internal/networks/${networkId}/contact-imports/${job.id}/file`, {
      method: 'PUT',
      headers: { 'content-type': 'text/csv', 'x-internal-secret': env.INTERNAL_API_SECRET },
      body: Readable.toWeb(Readable.from(csv(address))),
      duplex: 'half',
    });
    return response.json();
  };
  const started = performance.now();
  const report = await upload();
  const seconds = (performance.now() - started) / 1000;
  // Counted on the topic (the sum of its partitions' end offsets, every 500 ms), not in the database: a count of the
  // contacts whose outbox is not empty is a scan of them all on FerretDB, and polling it slowed the relay it measured.
  const admin = new Kafka({ brokers: urls.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const topic = `${env.KAFKA_TOPIC_PREFIX}audience.subscription.confirmed`;
  let unpublished = Infinity;
  const drainDeadline = performance.now() + 600_000;
  while (unpublished > 0 && performance.now() < drainDeadline) {
    const offsets = await admin.fetchTopicOffsets(topic).catch(() => []);
    unpublished = report.created - offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
    if (unpublished > 0) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const publishedSeconds = unpublished === 0 ? Number(((performance.now() - started) / 1000).toFixed(1)) : null;
  await admin.disconnect();
  const againStarted = performance.now();
  const again = await upload();
  const againSeconds = (performance.now() - againStarted) / 1000;
  const mixedStarted = performance.now();
  const mixed = await upload((j) => (j % 10 === 0 ? known(j) : `newcomer${j}@kommune${j % 97}.example`));
  const mixedSeconds = (performance.now() - mixedStarted) / 1000;
  const figures = {
    rows: ROWS,
    created: report.created,
    rejected: report.rejectedTotal,
    seconds: Number(seconds.toFixed(1)),
    rowsPerSec: Math.round(ROWS / seconds),
    eventsPublishedSeconds: publishedSeconds,
    reimportSeconds: Number(againSeconds.toFixed(1)),
    reimportUpdated: again.updated,
    tenthKnownSeconds: Number(mixedSeconds.toFixed(1)),
    tenthKnownCreated: mixed.created,
    tenthKnownUpdated: mixed.updated,
    peakRssMb: { audience: peakRssMb(audience.child.pid) },
  };
  writeResult('contact-import', figures, {
    figure: `${ROWS} rows in ${figures.seconds} s (${figures.rowsPerSec} rows/s), peak RSS ${figures.peakRssMb.audience} MB`,
    target: '100 000 rows in under 30 s',
    met: ROWS >= 100_000 ? figures.seconds < 30 && figures.created === ROWS : null,
  });
  printTable(`CSV import, ${ROWS} rows`, [
    ['status', `${report.status}: ${report.created} created, ${report.rejectedTotal} rejected`],
    ['time', `${figures.seconds} s (${figures.rowsPerSec} rows/s)`],
    ['every event published', publishedSeconds === null ? `not within 600 s (${unpublished} contacts still hold theirs)` : `${publishedSeconds} s after the upload began`],
    ['the same file again', `${figures.reimportSeconds} s (${Math.round(ROWS / againSeconds)} rows/s): ${again.status}, ${again.updated} known contacts merged, ${again.created} created`],
    ['new people, every tenth known', `${figures.tenthKnownSeconds} s (${Math.round(ROWS / mixedSeconds)} rows/s): ${mixed.status}, ${mixed.created} created, ${mixed.updated} known contacts merged`],
    ['peak RSS, audience', `${figures.peakRssMb.audience} MB`],
  ]);
} finally {
  await audience.stop();
  await cleanup(urls, prefix);
}
process.exit(0);
