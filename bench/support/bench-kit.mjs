// What every benchmark needs: the local stack, free ports, services started from the build with their own
// prefixes, the counting SMTP sink, peak-RSS sampling, and a JSON result in bench/results/<name>.json.
import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const { freePort } = createRequire(import.meta.url)(path.join(root, 'tools/ports/free-port.cjs'));

/** The local stack's URLs (started if it is not running). */
export async function stack() {
  const tool = await import(path.join(root, 'tools/stack/index.mjs'));
  return tool.up(undefined, process.env, { print: () => {} });
}

export function build() {
  execFileSync(process.execPath, [path.join(root, 'node_modules/.bin/swc'), 'apps', 'libs', '-d', 'dist', '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
}

/** A private corner of the stack for one run: databases, topics and queue keys under one prefix. */
export function benchEnv(urls, extra = {}) {
  const prefix = `bench${randomBytes(3).toString('hex')}`;
  const secret = randomBytes(24).toString('hex');
  return {
    prefix,
    env: {
      MONGO_URL: urls.mongoUrl,
      MONGO_DB_PREFIX: `${prefix}_`,
      KAFKA_BROKERS: urls.kafkaBrokers,
      KAFKA_TOPIC_PREFIX: `${prefix}.`,
      REDIS_URL: urls.redisUrl,
      QUEUE_PREFIX: prefix,
      SMTP_URL: urls.smtpUrl,
      PUBLIC_BASE_URL: 'http://hub.bench',
      INTERNAL_API_SECRET: secret,
      LINK_SIGNING_SECRET: secret,
      LOG_LEVEL: 'warn',
      ...extra,
    },
  };
}

/**
 * With BENCH_CPU_PROF=1 every service writes a V8 CPU profile (open it in Chrome's DevTools) under
 * bench/results/profiles/<service>/ when it stops: where a benchmark's time went.
 */
function profilingArgs(name) {
  return process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.join(root, 'bench/results/profiles', name)}`] : [];
}

/** Starts a built service and resolves once /health/ready answers. */
export async function startService(name, env) {
  const port = await freePort();
  const child = spawn(process.execPath, [...profilingArgs(name), path.join(root, 'dist/apps', name, 'src/main.js')], {
    cwd: root,
    env: { PATH: process.env.PATH, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start-up`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} not ready after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { child, url, stop: () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM'))) };
}

/** The counting SMTP sink as its own process. */
export async function startSink() {
  const [smtpPort, httpPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [path.join(root, 'tools/smtp-sink/smtp-sink.mjs')], {
    env: { PATH: process.env.PATH, SINK_SMTP_PORT: String(smtpPort), SINK_HTTP_PORT: String(httpPort) },
    stdio: 'ignore',
  });
  const statsUrl = `http://127.0.0.1:${httpPort}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${statsUrl}/stats`)).ok) break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    child,
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    stats: async () => (await fetch(`${statsUrl}/stats`)).json(),
    reset: () => fetch(`${statsUrl}/reset`, { method: 'POST' }),
    /** When each address starting with `prefix` got its first message (ms). */
    arrivals: async (prefix) => (await fetch(`${statsUrl}/arrivals?prefix=${encodeURIComponent(prefix)}`)).json(),
    stop: () => child.kill('SIGTERM'),
  };
}

/** Samples the RSS of the given processes every 250 ms; `stop()` returns the peak of each, in MB. */
export function sampleRss(processes) {
  const peaks = Object.fromEntries(Object.keys(processes).map((name) => [name, 0]));
  const timer = setInterval(() => {
    for (const [name, pid] of Object.entries(processes)) {
      try {
        const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
        peaks[name] = Math.max(peaks[name], Math.round(kb / 1024));
      } catch {
        // the process is gone
      }
    }
  }, 250);
  return { stop: () => (clearInterval(timer), peaks) };
}

/**
 * Peak of each service's JS heap in use (`nodejs_heap_size_used_bytes` from its /metrics, once a second), in MB. RSS
 * alone cannot tell a process that holds more as the work grows from V8 keeping a larger heap it has not collected
 * yet; the heap in use after a collection can.
 */
export function samplePeakHeap(urls) {
  const peaks = Object.fromEntries(Object.keys(urls).map((name) => [name, 0]));
  const timer = setInterval(() => {
    for (const [name, url] of Object.entries(urls)) {
      fetch(`${url}/metrics`, { signal: AbortSignal.timeout(900) })
        .then((response) => response.text())
        .then((text) => {
          const bytes = Number(/^nodejs_heap_size_used_bytes (\d+)/m.exec(text)?.[1] ?? 0);
          peaks[name] = Math.max(peaks[name], Math.round(bytes / 2 ** 20));
        })
        .catch(() => undefined);
    }
  }, 1_000);
  return { stop: () => (clearInterval(timer), peaks) };
}

/**
 * CPU seconds (user + system) a process has used so far. Differences of it, per message or request, hold up better
 * than rates on a machine other work shares: they count what the process did, not how long it waited for a core.
 */
export function cpuSeconds(pid) {
  // Fields 14 and 15 of /proc/<pid>/stat, after the command name in parentheses (which may contain spaces).
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The pid of a part of the local stack (ferretdb, redis, kafka, mailpit), or null when it is not running. */
export function stackPid(part) {
  try {
    const pid = Number(fs.readFileSync(path.join(process.env.HUB_STACK_DIR ?? path.join(root, '.stack'), 'pids', `${part}.pid`), 'utf8'));
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/**
 * Writes the figures to bench/results/<name>.json. `headline` is the benchmark's line in the summary table that
 * `npm run bench` prints after the last one: the figure in words, the issue's target in words (null when there is
 * none) and whether this run met it (null when this size says nothing about it).
 */
export function writeResult(name, figures, headline) {
  const dir = path.join(root, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify({ name, at: new Date().toISOString(), headline, ...figures }, null, 2)}\n`);
}

export function printTable(title, rows) {
  const width = Math.max(...rows.map(([label]) => label.length));
  process.stdout.write(`\n${title}\n${rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n')}\n`);
}

/** Removes what a run left under its prefix: databases, topics, queue keys. */
export async function cleanup(urls, prefix) {
  const { MongoClient } = await import('mongodb');
  const { Kafka, logLevel } = await import('kafkajs');
  const { default: IORedis } = await import('ioredis');
  const mongo = await MongoClient.connect(urls.mongoUrl);
  const { databases } = await mongo.db().admin().listDatabases({ nameOnly: true });
  for (const { name } of databases.filter((db) => db.name.startsWith(`${prefix}_`))) await mongo.db(name).dropDatabase();
  await mongo.close();
  const admin = new Kafka({ brokers: urls.kafkaBrokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(`${prefix}.`));
  if (topics.length > 0) await admin.deleteTopics({ topics });
  await admin.disconnect();
  const redis = new IORedis(urls.redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  redis.disconnect();
}

/** Peak RSS (VmHWM) of a live process, in MB. */
export function peakRssMb(pid) {
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024);
}

/**
 * All five services as processes from the build, wired to each other as `npm start` wires them (tools/hub), in the
 * private corner of `benchEnv`. Resolves once every one answers /health/ready; `readyMs` says how long each took
 * from its spawn. `extra` is added to every service's environment (e.g. DEMO_DATA, rate limits).
 */
export async function startHub(urls, env, extra = {}) {
  const { SERVICES, serviceEnv } = createRequire(import.meta.url)(path.join(root, 'tools/hub/services.cjs'));
  const ports = {};
  for (const service of SERVICES) ports[service.name] = await freePort();
  const services = {};
  const stop = () =>
    Promise.all(
      Object.values(services).map(
        ({ child }) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM')))),
      ),
    );
  const ready = Promise.all(
    SERVICES.map(async ({ name }) => {
      const started = performance.now();
      const child = spawn(process.execPath, [...profilingArgs(name), path.join(root, 'dist/apps', name, 'src/main.js')], {
        cwd: root,
        env: { PATH: process.env.PATH, ...serviceEnv(name, { stack: urls, ports, shared: { ...env, ...extra } }) },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const url = `http://127.0.0.1:${ports[name]}`;
      services[name] = { child, url };
      // Polled every 50 ms, so a ready time is late by at most that much.
      const deadline = Date.now() + 120_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`${name} exited during start-up`);
        try {
          if ((await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) })).ok) break;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`${name} not ready after 120 s`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      services[name].readyMs = Math.round(performance.now() - started);
    }),
  );
  await ready.catch(async (error) => {
    await stop();
    throw error;
  });
  return { services, url: (name) => services[name].url, stop };
}

/**
 * Serves campaigns' newsletter content endpoint for delivery's bulk worker (one issue, every send `sending`), so a
 * bulk benchmark measures delivery alone. `html` is the issue body; the placeholders are those of bulk-mail.job.ts.
 */
export async function startNewsletterContent(secret, html, text) {
  const server = http.createServer((req, res) => {
    const match = /^\/internal\/newsletter-sends\/([^/]+)\/content\/([a-z]{2})$/.exec(req.url ?? '');
    if (!match || req.headers['x-internal-secret'] !== secret) return res.writeHead(404).end('{}');
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ sendId: decodeURIComponent(match[1]), language: match[2], subject: 'Nyhetsbrev', html, text, state: 'sending' }));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, stop: () => new Promise((resolve) => server.close(resolve)) };
}

/** A bulk-queue entry: one newsletter copy of `sendId` for `recipient`, as campaigns' fan-out queues it. */
export function newsletterEntry(sendId, recipient, i) {
  return {
    name: 'newsletter',
    data: {
      kind: 'newsletter',
      source: sendId,
      networkId: 'bench',
      correlationId: `${sendId}-${i}`,
      newsletterId: 'bench-newsletter',
      contactId: `c${i}`,
      recipient,
      language: 'nb',
      preferencesToken: `pref-${i}`,
      unsubscribeToken: `unsub-${i}`,
    },
    opts: { jobId: `newsletter-${sendId}-c${i}` },
  };
}

/** p50, p90 and p99 of a list of numbers. */
export function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
  return { p50: at(50), p90: at(90), p99: at(99), max: sorted[sorted.length - 1] ?? null };
}

/**
 * Signs in to the gateway as the demo data's owner and returns `api(method, path, body)`: a JSON call with the
 * session cookie and CSRF token, throwing on any answer but 2xx.
 */
export async function signInAsDemoOwner(gateway) {
  const signIn = await fetch(`${gateway}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@demo.hub.example', password: 'demo-owner-password' }),
  });
  if (!signIn.ok) throw new Error(`sign-in: ${signIn.status} ${await signIn.text()}`);
  const cookie = signIn.headers.get('set-cookie').split(';')[0];
  const { csrfToken } = await signIn.json();
  return async function api(method, path, body) {
    const response = await fetch(`${gateway}${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie, ...(method !== 'GET' && { 'x-csrf-token': csrfToken }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw Object.assign(new Error(`${method} ${path}: ${response.status} ${text}`), { status: response.status });
    return text ? JSON.parse(text) : undefined;
  };
}
