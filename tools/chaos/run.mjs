#!/usr/bin/env node
// `npm run chaos [-- --quick|--full] [--stacks N] [jest filter or -t name]`: scripted faults during real work, on private
// stacks of its own (separate ports and data under .stack-chaos, .stack-chaos-2 …), so restarting Kafka, Redis or
// FerretDB never disturbs a running hub or test run. Prints the matrix fault × (lost, duplicated, unknown, recovered
// in s) and writes it to bench/results/chaos.json. `--quick` (the default, the size meant for CI) moves 1 000 messages /
// 300 registrations per fault; `--full` 10 000 / 1 000. `--stacks N` (default 2) runs N scenario files at once, each
// jest worker on a stack of its own: a fault restarts a part under one file's work only. Most of a scenario's time
// is spent waiting out its fault, so two at once on two cores took the whole matrix from about 9 to 7 minutes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureNodeModules } from '../hub/dependencies.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const size = args.includes('--full') ? 'full' : 'quick';
const stacksAt = args.indexOf('--stacks');
const stackCount = stacksAt >= 0 ? Number(args[stacksAt + 1]) : 2;
if (!Number.isInteger(stackCount) || stackCount < 1 || stackCount > 4) {
  process.stderr.write('chaos: --stacks takes a whole number from 1 to 4\n');
  process.exit(2);
}
// Anything else goes to jest: a file filter, or -t '<scenario name>'.
const jestArgs = args.filter((arg, i) => arg !== '--quick' && arg !== '--full' && i !== stacksAt && i !== stacksAt + 1);

// Ports of the private stacks, below the ephemeral range and documented in the README: the first one's are the
// shared stack's Kafka ports plus 10 000 (FerretDB 17017, Redis 16379, Mailpit 11025/18025), each further stack's
// Kafka ports 10 000 higher again and its other ports one higher.
const chaosEnvOf = (i) => ({
  HUB_STACK_DIR: path.join(root, i === 0 ? '.stack-chaos' : `.stack-chaos-${i + 1}`),
  KAFKA_PORT: String(19092 + 10_000 * i),
  KAFKA_CONTROLLER_PORT: String(19093 + 10_000 * i),
  FERRETDB_PORT: String(17017 + i),
  FERRETDB_DEBUG_PORT: String(18088 + i),
  REDIS_PORT: String(16379 + i),
  SMTP_PORT: String(11025 + i),
  MAILPIT_HTTP_PORT: String(18025 + i),
});

ensureNodeModules(root);
const stack = await import(pathToFileURL(path.join(root, 'tools/stack/index.mjs')).href);
// One after the other: on a fresh machine the first one builds and caches what the others then only start.
const stacks = [];
for (let i = 0; i < stackCount; i += 1) {
  const chaosEnv = chaosEnvOf(i);
  const urls = await stack.up(undefined, { ...process.env, ...chaosEnv }, { print: (line) => process.stdout.write(`chaos stack ${i + 1}: ${line}\n`) });
  stacks.push({
    ...chaosEnv,
    HUB_TEST_MONGO_URL: urls.mongoUrl,
    HUB_TEST_KAFKA_BROKERS: urls.kafkaBrokers,
    HUB_TEST_REDIS_URL: urls.redisUrl,
    HUB_TEST_SMTP_URL: urls.smtpUrl,
    HUB_TEST_MAILPIT_URL: urls.mailpitUrl,
  });
}

const resultsDir = path.join(root, 'bench/results/chaos');
fs.rmSync(resultsDir, { recursive: true, force: true });
fs.mkdirSync(resultsDir, { recursive: true });

const jest = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/jest/bin/jest.js'), stackCount > 1 ? `--maxWorkers=${stackCount}` : '--runInBand', ...jestArgs, '--selectProjects', 'chaos'],
  {
    cwd: root,
    stdio: 'inherit',
    // The first stack's, for jest's global setup; each worker takes its own from HUB_CHAOS_STACKS (test/chaos/support/worker-stack.ts).
    env: { ...process.env, ...stacks[0], HUB_CHAOS: '1', HUB_CHAOS_SIZE: size, HUB_CHAOS_RESULTS_DIR: resultsDir, HUB_CHAOS_STACKS: JSON.stringify(stacks) },
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
process.stdout.write(`\nchaos (${size}, ${stackCount} stack${stackCount > 1 ? 's' : ''}):\n${table.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ')).join('\n')}\n`);
process.stdout.write('written to bench/results/chaos.json\n');

if (!process.env.HUB_KEEP_STACK) {
  for (const chaosEnv of stacks) await stack.down(undefined, { ...process.env, ...chaosEnv }, { print: () => {} });
}
process.exit(jest.status ?? 1);

function machine() {
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version };
}
