// The local stack as a library: `up`, `down`, `status` and `logs` for the
// CLI (stack.mjs) and for test harnesses that start the stack themselves.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ferretdb from './parts/ferretdb.mjs';
import kafka from './parts/kafka.mjs';
import mailpit from './parts/mailpit.mjs';
import redis from './parts/redis.mjs';
import {
  cmdline,
  groupMembers,
  isOurs,
  killGroup,
  lastLine,
  mtimeMs,
  portFree,
  portOwner,
  processGroup,
  readPid,
  removeFile,
  spawnDetached,
  waitUntil,
  withLock,
  writePid,
} from './proc.mjs';

export const PARTS = { kafka, ferretdb, redis, mailpit };
export const PART_NAMES = Object.keys(PARTS);

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export class StackError extends Error {
  constructor(lines) {
    super(lines.join('\n'));
    this.name = 'StackError';
    this.lines = lines;
  }
}

// Config key -> [environment variable, default].
const PORTS = {
  kafka: ['KAFKA_PORT', 9092],
  kafkaController: ['KAFKA_CONTROLLER_PORT', 9093],
  ferretdb: ['FERRETDB_PORT', 27017],
  ferretdbDebug: ['FERRETDB_DEBUG_PORT', 8088],
  redis: ['REDIS_PORT', 6379],
  smtp: ['SMTP_PORT', 1025],
  mailpitHttp: ['MAILPIT_HTTP_PORT', 8025],
};

/** Every path and port, from the environment with the documented defaults. */
export function config(env = process.env) {
  const stackDir = path.resolve(env.HUB_STACK_DIR || path.join(REPO_ROOT, '.stack'));
  const xdgCache = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  const ports = {};
  const byPort = new Map();
  for (const [key, [name, fallback]] of Object.entries(PORTS)) {
    const value = Number(env[name] || fallback);
    if (!Number.isInteger(value) || value < 1 || value > 65535) throw new StackError([`${name}: not a valid port: ${env[name]}`]);
    if (byPort.has(value)) throw new StackError([`${byPort.get(value)} and ${name} are both ${value}`]);
    byPort.set(value, name);
    ports[key] = value;
  }
  return {
    stackDir,
    dataDir: path.join(stackDir, 'data'),
    logsDir: path.join(stackDir, 'logs'),
    pidsDir: path.join(stackDir, 'pids'),
    cacheDir: path.resolve(env.HUB_CACHE_DIR || path.join(xdgCache, 'nordic-network-hub')),
    ports,
    // Extra query parameters of FerretDB's SQLite URL, for fault injection: `mode=ro` makes every database read-only,
    // `_pragma=max_page_count(1)` keeps each one at its present size (a full disk).
    ferretdbSqliteParams: env.FERRETDB_SQLITE_PARAMS || '',
  };
}

/** How the hub's services reach each part. */
export function urls(env = process.env) {
  const { ports } = config(env);
  return {
    kafkaBrokers: `127.0.0.1:${ports.kafka}`,
    mongoUrl: `mongodb://127.0.0.1:${ports.ferretdb}`,
    redisUrl: `redis://127.0.0.1:${ports.redis}`,
    smtpUrl: `smtp://127.0.0.1:${ports.smtp}`,
    mailpitUrl: `http://127.0.0.1:${ports.mailpitHttp}`,
  };
}

/**
 * Installs what is missing, starts what is not running, waits until every
 * requested part is ready. Resolves with the connection URLs; rejects with a
 * StackError holding one line per failed part. `print` receives progress and
 * one result line per part.
 */
export async function up(parts = PART_NAMES, env = process.env, { print = () => {} } = {}) {
  const cfg = prepareDirs(config(env));
  const results = await withLock(path.join(cfg.pidsDir, '.lock'), () =>
    Promise.all(
      selectParts(parts).map(async (part) => {
        const result = await upPart(part, cfg, env, print).catch((err) => ({ part: part.name, state: 'failed', error: err.message }));
        // Failures are reported once, by the StackError below.
        if (result.state !== 'failed') print(formatUpResult(result));
        return result;
      }),
    ),
  );
  const failed = results.filter((r) => r.state === 'failed');
  if (failed.length > 0) throw new StackError(failed.map((r) => `${r.part}: ${r.error}`));
  return urls(env);
}

/** Per part: running or not (with pid), and whether it answers its health check. */
export async function status(parts = PART_NAMES, env = process.env) {
  const cfg = config(env);
  return Promise.all(
    selectParts(parts).map(async (part) => {
      const pid = ourPid(part, cfg);
      const address = `127.0.0.1:${part.ports(cfg)[0]}`;
      if (!pid) {
        const busy = await busyPort(part, cfg);
        return { part: part.name, state: 'stopped', pid: null, ready: false, address, ...(busy && { note: busy }) };
      }
      return { part: part.name, state: 'running', pid, ready: await part.ready(cfg), address };
    }),
  );
}

/** Stops the parts we started (SIGTERM, then SIGKILL) and, with purge, deletes their data. */
export async function down(parts = PART_NAMES, env = process.env, { purge = false, print = () => {} } = {}) {
  const cfg = prepareDirs(config(env));
  const selected = selectParts(parts);
  const results = await withLock(path.join(cfg.pidsDir, '.lock'), () =>
    Promise.all(
      selected.map(async (part) => {
        const pid = ourPid(part, cfg);
        let result = { part: part.name, state: 'not running' };
        if (pid) {
          try {
            const how = await killGroup(pid);
            removeFile(pidFile(part, cfg));
            result = { part: part.name, state: how === 'killed' ? 'killed (did not stop within 15s)' : 'stopped', pid };
          } catch (err) {
            result = { part: part.name, state: 'failed', error: err.message, pid };
          }
        }
        if (result.state !== 'failed') print(`${part.name.padEnd(9)} ${result.state}${pid ? `  (was pid ${pid})` : ''}`);
        return result;
      }),
    ),
  );
  const failed = results.filter((r) => r.state === 'failed');
  if (failed.length > 0) throw new StackError(failed.map((r) => `${r.part}: ${r.error}`));
  if (purge) {
    const all = PART_NAMES.every((name) => selected.some((p) => p.name === name));
    const targets = all ? [cfg.dataDir, path.join(cfg.stackDir, 'conf')] : selected.flatMap((p) => p.dataPaths(cfg));
    for (const target of targets) fs.rmSync(target, { recursive: true, force: true });
    print(`purged ${(all ? [cfg.dataDir] : targets).map(display).join(', ')}`);
  }
  return results;
}

/** The last `lines` lines of each part's log files, with a header per file. */
export function logs(parts = PART_NAMES, env = process.env, lines = 50) {
  const cfg = config(env);
  const out = [];
  for (const part of selectParts(parts)) {
    for (const file of part.logFiles(cfg)) {
      const tail = readTail(file, 256 * 1024).trimEnd().split('\n').slice(-lines);
      if (tail.length === 1 && tail[0] === '') continue;
      out.push(`==> ${display(file)} <==`, ...tail, '');
    }
  }
  return out.join('\n');
}

// ---------------------------------------------------------------- internals

function selectParts(names) {
  const list = names.length > 0 ? names : PART_NAMES;
  const unknown = list.filter((n) => !Object.hasOwn(PARTS, n));
  if (unknown.length > 0) throw new StackError([`unknown part ${unknown.join(', ')} (parts: ${PART_NAMES.join(', ')})`]);
  return [...new Set(list)].map((n) => PARTS[n]);
}

function prepareDirs(cfg) {
  for (const dir of [cfg.dataDir, cfg.logsDir, cfg.pidsDir, path.join(cfg.cacheDir, '.locks')]) fs.mkdirSync(dir, { recursive: true });
  return cfg;
}

const pidFile = (part, cfg) => path.join(cfg.pidsDir, `${part.name}.pid`);
const identity = (part, cfg) => ({ binary: part.binary, markers: part.markers(cfg) });

/**
 * The pid of the part's process if it is one we started for this stack dir,
 * else null. A pid file pointing at a dead or different process is removed.
 */
function ourPid(part, cfg) {
  const file = pidFile(part, cfg);
  const pid = readPid(file);
  if (pid && isOurs(pid, identity(part, cfg))) return pid;
  removeFile(file);
  // Pid file lost (deleted by hand, stack dir copied...) but our server still
  // listens: adopt it rather than report our own process as a stranger.
  // Only a group leader is adoptable, since `down` signals the whole group.
  const owner = portOwner(part.ports(cfg)[0]);
  if (owner && isOurs(owner, identity(part, cfg)) && processGroup(owner) === owner) {
    writePid(file, owner);
    return owner;
  }
  return null;
}

/** Why the part cannot start here: the first of its ports held by someone else. */
async function busyPort(part, cfg) {
  for (const port of part.ports(cfg)) {
    if (await portFree(port)) continue;
    const owner = portOwner(port);
    const who = owner ? ` (pid ${owner}: ${cmdline(owner).slice(0, 60)})` : '';
    return `port ${port} in use by another process${who}`;
  }
  return null;
}

async function upPart(part, cfg, env, print) {
  const address = `127.0.0.1:${part.ports(cfg)[0]}`;
  const running = ourPid(part, cfg);
  if (running) {
    // Ours and alive, maybe still starting (a previous `up` was interrupted): give it the usual time.
    if (await waitUntil(() => part.ready(cfg), { timeoutMs: part.readyTimeoutMs, intervalMs: 250 })) {
      return { part: part.name, state: 'already running', pid: running, address };
    }
    return { part: part.name, state: 'failed', error: `running (pid ${running}) but not ready after ${part.readyTimeoutMs / 1000}s (see ${display(part.logFiles(cfg)[0])})` };
  }

  // Refuse before a long install, and again right before starting.
  let busy = await busyPort(part, cfg);
  if (busy) return { part: part.name, state: 'failed', error: busy };

  let installMs = null;
  const installLog = path.join(cfg.logsDir, `${part.name}-install.log`);
  await withLock(path.join(cfg.cacheDir, '.locks', `${part.name}.lock`), async () => {
    // Another stack dir sharing the cache may have installed it while we waited.
    if (part.installed(cfg, env)) return;
    print(`${part.name.padEnd(9)} installing (first run only, log: ${display(installLog)})`);
    const t0 = Date.now();
    await part.install(cfg, env, installLog).catch((err) => {
      throw new Error(`${err.message} (see ${display(installLog)})`);
    });
    installMs = Date.now() - t0;
  });

  busy = await busyPort(part, cfg);
  if (busy) return { part: part.name, state: 'failed', error: busy };

  const t0 = Date.now();
  const mainLog = part.logFiles(cfg)[0];
  const { cmd, args, logFile = mainLog, env: partEnv } = await part.prepare(cfg, env, mainLog);
  const { pid, exited } = await spawnDetached(cmd, args, { cwd: cfg.stackDir, env: { ...env, ...partEnv }, logFile });
  writePid(pidFile(part, cfg), pid);

  let exitCode;
  exited.then((code) => (exitCode = code));
  const ready = await waitUntil(() => part.ready(cfg), {
    timeoutMs: part.readyTimeoutMs,
    intervalMs: 250,
    stopIf: () => exitCode !== undefined,
  });
  if (ready) return { part: part.name, state: 'ready', pid, address, installMs, readyMs: Date.now() - t0 };

  // A half-started server is worse than none: stop it so the next `up` starts clean.
  if (groupMembers(pid).length > 0) await killGroup(pid, 5_000).catch(() => {});
  removeFile(pidFile(part, cfg));
  // Kafka splits its output (log4j vs JVM stdout): the file written last holds the reason.
  const log = [mainLog, logFile].sort((a, b) => mtimeMs(b) - mtimeMs(a))[0];
  const why =
    exitCode !== undefined
      ? `exited with ${typeof exitCode === 'number' ? `code ${exitCode}` : exitCode} during startup: ${lastLine(readTail(log, 4096)) || 'no output'}`
      : `not ready after ${part.readyTimeoutMs / 1000}s`;
  return { part: part.name, state: 'failed', error: `${why} (see ${display(log)})` };
}

/** The last `bytes` of a file (logs are never read whole: they only grow). */
function readTail(file, bytes) {
  let fd;
  try {
    fd = fs.openSync(file, 'r');
    const start = Math.max(0, fs.fstatSync(fd).size - bytes);
    const buf = Buffer.alloc(bytes);
    const n = fs.readSync(fd, buf, 0, bytes, start);
    return buf.subarray(0, n).toString('utf8');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export function formatUpResult(r) {
  if (r.state === 'failed') return `${r.part}: ${r.error}`;
  const timings = [r.installMs != null && `installed in ${secs(r.installMs)}`, r.readyMs != null && `ready in ${secs(r.readyMs)}`].filter(Boolean);
  return `${r.part.padEnd(9)} ${r.state.padEnd(15)}  ${r.address.padEnd(15)}  (pid ${[r.pid, ...timings].join(', ')})`;
}

const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;

/** Paths relative to the current directory when inside it: `.stack/logs/kafka.log`. */
export function display(file) {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
