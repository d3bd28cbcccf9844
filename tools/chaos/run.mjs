#!/usr/bin/env node
// `npm run chaos [-- --quick|--full] [jest filter or -t name]`: scripted faults during real work, on a private stack of its own
// (separate ports and data under .stack-chaos), so restarting Kafka, Redis or FerretDB never disturbs a running
// hub or test run. Prints the matrix fault × (lost, duplicated, unknown, recovered in s) and writes it to
// bench/results/chaos.json. `--quick` (the default, the size meant for CI) moves 1 000 messages / 300 registrations per
// fault; `--full` 10 000 / 1 000.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureNodeModules } from '../hub/dependencies.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const size = args.includes('--full') ? 'full' : 'quick';
// Anything else goes to jest: a file filter, or -t '<scenario name>'.
const jestArgs = args.filter((arg) => arg !== '--quick' && arg !== '--full');

// Ports of the private stack: the shared one's plus 10 000, documented in the README.
const chaosEnv = {
  HUB_STACK_DIR: path.join(root, '.stack-chaos'),
  KAFKA_PORT: '19092',
  KAFKA_CONTROLLER_PORT: '19093',
  FERRETDB_PORT: '17017',
  FERRETDB_DEBUG_PORT: '18088',
  REDIS_PORT: '16379',
  SMTP_PORT: '11025',
  MAILPIT_HTTP_PORT: '18025',
};
const env = { ...process.env, ...chaosEnv };

ensureNodeModules(root);
const stack = await import(pathToFileURL(path.join(root, 'tools/stack/index.mjs')).href);
const urls = await stack.up(undefined, env, { print: (line) => process.stdout.write(`chaos stack: ${line}\n`) });

const resultsDir = path.join(root, 'bench/results/chaos');
fs.rmSync(resultsDir, { recursive: true, force: true });
fs.mkdirSync(resultsDir, { recursive: true });

const jest = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/jest/bin/jest.js'), '--runInBand', ...jestArgs, '--selectProjects', 'chaos'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...env,
      HUB_CHAOS: '1',
      HUB_CHAOS_SIZE: size,
      HUB_CHAOS_RESULTS_DIR: resultsDir,
      HUB_TEST_MONGO_URL: urls.mongoUrl,
      HUB_TEST_KAFKA_BROKERS: urls.kafkaBrokers,
      HUB_TEST_REDIS_URL: urls.redisUrl,
      HUB_TEST_SMTP_URL: urls.smtpUrl,
      HUB_TEST_MAILPIT_URL: urls.mailpitUrl,
    },
  },
);

const rows = fs
  .readdirSync(resultsDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(fs.readFileSync(path.join(resultsDir, file), 'utf8')))
  .sort((a, b) => a.order - b.order);
fs.writeFileSync(path.join(root, 'bench/results/chaos.json'), `${JSON.stringify({ size, machine: machine(), faults: rows }, null, 2)}\n`);

const header = ['fault', 'during', 'work', 'lost', 'duplicated', 'unknown', 'recovered in s'];
const table = [header, ...rows.map((r) => [r.fault, r.during, String(r.work), String(r.lost), String(r.duplicated), String(r.unknown), r.recoveredInS === null ? '-' : r.recoveredInS.toFixed(1)])];
const widths = header.map((_, i) => Math.max(...table.map((row) => row[i].length)));
process.stdout.write(`\nchaos (${size}):\n${table.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ')).join('\n')}\n`);
process.stdout.write('written to bench/results/chaos.json\n');

if (!process.env.HUB_KEEP_STACK) await stack.down(undefined, env, { print: () => {} });
process.exit(jest.status ?? 1);

function machine() {
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version };
}
