import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Collection, MongoClient } from 'mongodb';
import { TestRun, waitFor } from '@hub/testing';
import type { PartName } from '../../../tools/stack/index.mjs';
import type { HubProcesses } from '../../support/hub-processes';

/** quick: what CI runs on every change; full: the sizes the reliability figures quote. */
export const CHAOS_SIZE = process.env.HUB_CHAOS_SIZE === 'full' ? 'full' : 'quick';
export const sized = (quick: number, full: number): number => (CHAOS_SIZE === 'full' ? full : quick);

export interface FaultOutcome {
  fault: string;
  during: string;
  /** How much work the scenario did: messages, subscriptions or registrations. */
  work: number;
  /** Acknowledged work with no effect and no record of why (the number that must be 0). */
  lost: number;
  duplicated: number;
  /** Messages whose SMTP call was cut by the fault: recorded as unknown, shown to coordinators, not re-sent. */
  unknown: number;
  /** From the fault's end (process back, part ready) to the first completed work after it; null if none was left. */
  recoveredInS: number | null;
  /** What the numbers alone do not say, e.g. the delivery-log status of what was lost. */
  detail?: string;
}

const execFileAsync = promisify(execFile);
let order = 0;

/** One row of the matrix, written where tools/chaos/run.mjs collects it. */
export function recordFault(outcome: FaultOutcome): void {
  const dir = process.env.HUB_CHAOS_RESULTS_DIR ?? resolve(__dirname, '../../../bench/results/chaos');
  mkdirSync(dir, { recursive: true });
  const slug = `${outcome.during}-${outcome.fault}`.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  order += 1;
  writeFileSync(join(dir, `${slug}.json`), `${JSON.stringify({ order: Date.now() + order, ...outcome }, null, 2)}\n`);
  process.stdout.write(`chaos: ${outcome.fault} during ${outcome.during}: work ${outcome.work}, lost ${outcome.lost}, duplicated ${outcome.duplicated}, unknown ${outcome.unknown}, recovered in ${outcome.recoveredInS?.toFixed(1) ?? '-'} s${outcome.detail ? ` (${outcome.detail})` : ''}\n`);
}

/**
 * Stops one part of the private chaos stack (SIGTERM, as an operator or a crashing host would), keeps it down for
 * `downMs`, starts it again (with `env` added to its environment) and waits until it is ready; `down` is called once
 * it is stopped. Refuses outside `npm run chaos`, so a stray run can never restart the stack other tests share.
 */
export async function restartPart(
  part: PartName,
  downMs: number,
  { env = {}, down = () => undefined }: { env?: Record<string, string>; down?: () => void } = {},
): Promise<void> {
  if (!process.env.HUB_CHAOS || !/\.stack-chaos(-\d+)?$/.test(process.env.HUB_STACK_DIR ?? '')) {
    throw new Error('restartPart runs only on the private chaos stack (npm run chaos)');
  }
  // Through the CLI: jest's module sandbox cannot import the stack tool's ES module.
  const cli = (command: string) => execFileAsync(process.execPath, [resolve(__dirname, '../../../tools/stack/stack.mjs'), command, part], { env: { ...process.env, ...env } });
  await cli('down');
  down();
  await new Promise((done) => setTimeout(done, downMs));
  await cli('up');
}

/**
 * Holds work back until a fault is in effect: `landed` opens `reached`. A burst that passes its third before a
 * restarted part is down (or back degraded) can otherwise finish without meeting the fault. Open from the start
 * when `holds` is false.
 */
export function faultGate(holds: boolean): { landed: () => void; reached: Promise<void> } {
  let landed = (): void => undefined;
  const reached = holds ? new Promise<void>((open) => (landed = open)) : Promise.resolve();
  return { landed, reached };
}

/**
 * Restarts FerretDB with SQLite's URL parameters `params` (`mode=ro`: every database read-only; `_pragma=
 * max_page_count(1)`: none may grow, as on a full disk), keeps it so for `holdMs`, then restarts it as it was.
 * `landed` is called once the degraded database is up, so that a scenario can hold work back until it meets it.
 */
export async function degradeDatabase(params: string, holdMs: number, landed: () => void = () => undefined): Promise<void> {
  await restartPart('ferretdb', 0, { env: { FERRETDB_SQLITE_PARAMS: params } });
  landed();
  await new Promise((done) => setTimeout(done, holdMs));
  await restartPart('ferretdb', 0);
}

/** SQLite's own integrity check of each of the run's databases on the chaos stack: how many, and what was not "ok". */
export async function checkDatabases(run: TestRun): Promise<{ checked: number; corrupt: Record<string, string> }> {
  const dir = join(process.env.HUB_STACK_DIR ?? '', 'data', 'ferretdb');
  const script = [
    'import glob, json, os, sqlite3, sys',
    'bad, paths = {}, glob.glob(os.path.join(sys.argv[1], sys.argv[2] + "*.sqlite"))',
    'for path in paths:',
    '    answer = sqlite3.connect(f"file:{path}?mode=ro", uri=True).execute("PRAGMA integrity_check").fetchone()[0]',
    '    if answer != "ok": bad[os.path.basename(path)] = answer',
    'print(json.dumps({"checked": len(paths), "corrupt": bad}))',
  ].join('\n');
  const { stdout } = await execFileAsync('python3', ['-c', script, dir, run.id]);
  return JSON.parse(stdout) as { checked: number; corrupt: Record<string, string> };
}

/** Seconds from now until `progress()` grows past its current value, or null when `finished()` comes first. */
export async function secondsUntilProgress(progress: () => Promise<number>, finished: () => Promise<boolean>, timeoutMs = 180_000): Promise<number | null> {
  const start = Date.now();
  const at = await progress();
  return waitFor(
    'progress after the fault',
    async () => {
      if ((await progress()) > at) return { seconds: (Date.now() - start) / 1000 };
      if (await finished()) return { seconds: null };
      return undefined;
    },
    { timeoutMs, intervalMs: 100 },
  ).then((result) => result.seconds);
}

/**
 * Delivery's log status of each recipient, once no claim is left "sending" (the sweeper has marked the claims of a
 * killed process unknown by then).
 */
export async function deliveryLogStatuses(run: TestRun): Promise<Map<string, string>> {
  return withDeliveries(run, async (deliveries) => {
    await waitFor('no claim left sending', async () => ((await deliveries.countDocuments({ status: 'sending' })) === 0 ? true : undefined), {
      timeoutMs: 120_000,
      intervalMs: 250,
    });
    return statusesOf(deliveries);
  });
}

/**
 * Whether every one of `recipients` has had its message at the sink or is marked unknown in delivery's log: all the
 * mail a scenario can wait for. Waiting for every message at the sink waited out its whole timeout (5 minutes) for
 * a single unknown one.
 */
export async function accountedFor(run: TestRun, recipients: string[], received: Set<string>): Promise<boolean> {
  if (recipients.every((r) => received.has(r))) return true;
  const statusOf = await withDeliveries(run, statusesOf);
  return recipients.every((r) => received.has(r) || statusOf.get(r) === 'unknown');
}

type Deliveries = Collection<{ _id: string; recipient: string; status: string }>;

async function withDeliveries<T>(run: TestRun, use: (deliveries: Deliveries) => Promise<T>): Promise<T> {
  const mongo = await MongoClient.connect(run.stack.mongoUrl);
  try {
    return await use(mongo.db(`${run.id}_delivery`).collection('deliveries'));
  } finally {
    await mongo.close();
  }
}

async function statusesOf(deliveries: Deliveries): Promise<Map<string, string>> {
  const rows = await deliveries.find({}, { projection: { recipient: 1, status: 1 } }).toArray();
  return new Map(rows.map((row) => [row.recipient, row.status]));
}

/** Splits what never arrived into unknown (a cut SMTP call, on record) and lost (anything else), with the detail. */
export function missingOutcome(missing: string[], statusOf: Map<string, string>): { unknown: number; lost: number; detail?: string } {
  const lostStatuses = missing.filter((r) => statusOf.get(r) !== 'unknown').map((r) => statusOf.get(r) ?? 'no log row');
  const unknown = missing.length - lostStatuses.length;
  const counts: Record<string, number> = {};
  for (const status of lostStatuses) counts[status] = (counts[status] ?? 0) + 1;
  return { unknown, lost: lostStatuses.length, ...(lostStatuses.length > 0 && { detail: `lost by delivery-log status: ${JSON.stringify(counts)}` }) };
}

/** What a stalled scenario needs looked at: is each service alive and ready, its last words, and what FerretDB is doing. */
export async function diagnosis(hub: HubProcesses, services: Array<Parameters<HubProcesses['logs']>[0]>): Promise<string> {
  const lines: string[] = [];
  for (const service of services) {
    const ready = await fetch(`${hub.url(service)}/health/ready`, { signal: AbortSignal.timeout(5_000) })
      .then(async (response) => `${response.status} ${await response.text()}`)
      .catch((error: Error) => `no answer (${error.message})`);
    lines.push(`--- ${service} /health/ready: ${ready}`, `--- ${service} log tail:`, ...hub.logs(service).split('\n').slice(-12).map((line) => line.slice(0, 600)));
  }
  const goroutines = await fetch(`http://127.0.0.1:${process.env.FERRETDB_DEBUG_PORT}/debug/pprof/goroutine?debug=1`, { signal: AbortSignal.timeout(5_000) })
    .then((response) => response.text())
    .catch((error: Error) => `unavailable (${error.message})`);
  lines.push(`--- FerretDB goroutines:`, goroutines.slice(0, 8_000));
  return lines.join('\n');
}
