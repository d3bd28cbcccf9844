// CSV import benchmark: starts the built audience service against the local stack, streams a generated file of
// ROWS contacts (default 100 000) into one import, and prints rows/s and audience's peak RSS.
//   npm run build && npm run stack -- up && node bench/contact-import.bench.mjs [rows]
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { Readable } from 'node:stream';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';

const ROWS = Number(process.argv[2] ?? 100_000);
const MONGO_URL = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017';
const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
const SECRET = randomBytes(24).toString('hex');
const prefix = `bench${randomBytes(3).toString('hex')}`;
const networkId = randomUUID();

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const port = await freePort();
const audience = spawn(process.execPath, ['dist/apps/audience/src/main.js'], {
  env: {
    ...process.env,
    PORT: String(port),
    MONGO_URL,
    MONGO_DB_PREFIX: `${prefix}_`,
    KAFKA_BROKERS,
    KAFKA_TOPIC_PREFIX: `${prefix}.`,
    INTERNAL_API_SECRET: SECRET,
    LINK_SIGNING_SECRET: SECRET,
    PUBLIC_BASE_URL: 'http://hub.bench',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
const call = async (method, path, body) => {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-internal-secret': SECRET },
    body: body && JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
};

try {
  for (let i = 0; ; i++) {
    if ((await fetch(`${base}/health/ready`).catch(() => undefined))?.ok) break;
    if (i > 120) throw new Error('audience did not become ready');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
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
  const response = await fetch(`${base}/internal/networks/${networkId}/contact-imports/${job.id}/file`, {
    method: 'PUT',
    headers: { 'content-type': 'text/csv', 'x-internal-secret': SECRET },
    body: Readable.toWeb(Readable.from(csv())),
    duplex: 'half',
  });
  const report = await response.json();
  const seconds = (performance.now() - started) / 1000;
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${audience.pid}/status`, 'utf8'))[1]);
  console.log(`rows: ${ROWS}  status: ${report.status}  created: ${report.created}  rejected: ${report.rejectedTotal}`);
  console.log(`time: ${seconds.toFixed(1)} s  rate: ${Math.round(ROWS / seconds)} rows/s  audience peak RSS: ${Math.round(peakKb / 1024)} MB`);
} finally {
  audience.kill('SIGTERM');
  await new Promise((resolve) => audience.once('exit', resolve));
  const mongo = await MongoClient.connect(MONGO_URL);
  const { databases } = await mongo.db().admin().listDatabases({ nameOnly: true });
  for (const { name } of databases.filter((db) => db.name.startsWith(`${prefix}_`))) await mongo.db(name).dropDatabase();
  await mongo.close();
  const admin = new Kafka({ brokers: KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(`${prefix}.`));
  if (topics.length > 0) await admin.deleteTopics({ topics });
  await admin.disconnect();
}
