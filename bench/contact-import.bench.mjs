// CSV import: the built audience service streams a generated file of ROWS contacts (default 100 000) into one
// import; prints rows/s and audience's peak RSS, and then how long after the import's answer the outbox relay had
// published every contact's event (the import's writes are done at the answer; the events follow).
//   npm run bench -- contact-import [rows]
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { MongoClient } from 'mongodb';
import { benchEnv, build, cleanup, peakRssMb, printTable, stack, startService, writeResult } from './support/bench-kit.mjs';

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
  const job = await call('POST', `/internal/networks/${networkId}/contact-imports`, { listIds: [list.id], consentBasis: 'benchmark', defaultLanguage: 'nb' });

  async function* csv() {
    yield 'email,name,language\n';
    for (let i = 0; i < ROWS; i += 1000) {
      let chunk = '';
      for (let j = i; j < Math.min(i + 1000, ROWS); j++) chunk += `person${j}@kommune${j % 97}.example,Person ${j},${['nb', 'nn', 'sv', 'da', 'fi', 'en'][j % 6]}\n`;
      yield chunk;
    }
  }
  const started = performance.now();
  const response = await fetch(`${audience.url}/internal/networks/${networkId}/contact-imports/${job.id}/file`, {
    method: 'PUT',
    headers: { 'content-type': 'text/csv', 'x-internal-secret': env.INTERNAL_API_SECRET },
    body: Readable.toWeb(Readable.from(csv())),
    duplex: 'half',
  });
  const report = await response.json();
  const seconds = (performance.now() - started) / 1000;
  // Polled every 2 s: each poll is a scan of the contacts on FerretDB, so the figure is late by up to that much.
  const mongo = await MongoClient.connect(urls.mongoUrl);
  const contacts = mongo.db(`${env.MONGO_DB_PREFIX}audience`).collection('contacts');
  let unpublished = Infinity;
  const drainDeadline = performance.now() + 600_000;
  while (unpublished > 0 && performance.now() < drainDeadline) {
    unpublished = await contacts.countDocuments({ networkId, 'outbox.0': { $exists: true } });
    if (unpublished > 0) await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  const publishedSeconds = unpublished === 0 ? Number(((performance.now() - started) / 1000).toFixed(1)) : null;
  await mongo.close();
  const figures = {
    rows: ROWS,
    created: report.created,
    rejected: report.rejectedTotal,
    seconds: Number(seconds.toFixed(1)),
    rowsPerSec: Math.round(ROWS / seconds),
    eventsPublishedSeconds: publishedSeconds,
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
    ['peak RSS, audience', `${figures.peakRssMb.audience} MB`],
  ]);
} finally {
  await audience.stop();
  await cleanup(urls, prefix);
}
process.exit(0);
