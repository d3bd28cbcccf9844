// Tests of the stack tool itself, through its CLI, in a private stack dir on
// private ports, so the shared stack other test suites use is never touched.
// Uses the shared install cache: the first run on a fresh machine builds
// Mailpit and FerretDB (a minute or two), later runs start in about a second.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePorts } from '../ports/free-port.cjs';

jest.setTimeout(180_000);

const STACK = path.join(__dirname, 'stack.mjs');
const PARTS = ['redis', 'mailpit', 'ferretdb'];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

interface PartStatus {
  part: string;
  state: 'running' | 'stopped';
  pid: number | null;
  ready: boolean;
  address: string;
  note?: string;
}

function stack(env: NodeJS.ProcessEnv, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [STACK, ...args], { env, timeout: 170_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function statusOf(env: NodeJS.ProcessEnv): Promise<{ code: number; parts: Record<string, PartStatus> }> {
  const run = await stack(env, 'status', '--json', ...PARTS);
  const list = JSON.parse(run.stdout) as PartStatus[];
  return { code: run.code, parts: Object.fromEntries(list.map((p) => [p.part, p])) };
}

/** Gone = no such process, or a zombie (already dead, only waiting for its parent to reap it). */
function isGone(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}

async function privateEnv(): Promise<NodeJS.ProcessEnv> {
  const [kafka, controller, ferretdb, ferretdbDebug, redis, smtp, mailpitHttp] = await freePorts(7);
  return {
    ...process.env,
    HUB_STACK_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'hub-stack-spec-')),
    KAFKA_PORT: String(kafka),
    KAFKA_CONTROLLER_PORT: String(controller),
    FERRETDB_PORT: String(ferretdb),
    FERRETDB_DEBUG_PORT: String(ferretdbDebug),
    REDIS_PORT: String(redis),
    SMTP_PORT: String(smtp),
    MAILPIT_HTTP_PORT: String(mailpitHttp),
  };
}

describe('tools/stack', () => {
  const envs: NodeJS.ProcessEnv[] = [];
  let env: NodeJS.ProcessEnv;
  let firstPids: Record<string, number>;

  beforeAll(async () => {
    env = await privateEnv();
    envs.push(env);
  });

  afterAll(async () => {
    for (const e of envs) {
      await stack(e, 'down', '--purge');
      fs.rmSync(e.HUB_STACK_DIR!, { recursive: true, force: true });
    }
  });

  it('up starts each part and reports it ready', async () => {
    const run = await stack(env, 'up', ...PARTS);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const part of PARTS) expect(run.stdout).toMatch(new RegExp(`^${part}\\s+ready\\s`, 'm'));
    expect(run.stdout).toContain(`redisUrl=redis://127.0.0.1:${env.REDIS_PORT}`);

    const { code, parts } = await statusOf(env);
    expect(code).toBe(0);
    firstPids = {};
    for (const part of PARTS) {
      expect(parts[part]).toMatchObject({ state: 'running', ready: true });
      firstPids[part] = parts[part].pid!;
      expect(fs.readFileSync(path.join(env.HUB_STACK_DIR!, 'pids', `${part}.pid`), 'utf8').trim()).toBe(String(firstPids[part]));
    }
  });

  it('a second up is harmless: already running, same pids', async () => {
    const run = await stack(env, 'up', ...PARTS);
    expect(run.code).toBe(0);
    for (const part of PARTS) {
      expect(run.stdout).toMatch(new RegExp(`^${part}\\s+already running\\s.*\\(pid ${firstPids[part]}\\)`, 'm'));
    }
    const { parts } = await statusOf(env);
    for (const part of PARTS) expect(parts[part].pid).toBe(firstPids[part]);
  });

  it('status tells the truth after a part is killed, and up restarts it', async () => {
    process.kill(firstPids.redis, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 300));

    const text = await stack(env, 'status', ...PARTS);
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/^redis\s+stopped/m);
    expect(text.stdout).toMatch(new RegExp(`^mailpit\\s+running \\(pid ${firstPids.mailpit}, ready\\)`, 'm'));

    const { code, parts } = await statusOf(env);
    expect(code).toBe(3);
    expect(parts.redis).toMatchObject({ state: 'stopped', pid: null, ready: false });
    // The stale pid file is cleaned up.
    expect(fs.existsSync(path.join(env.HUB_STACK_DIR!, 'pids', 'redis.pid'))).toBe(false);

    const run = await stack(env, 'up', ...PARTS);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^redis\s+ready\s/m);
    expect(run.stdout).toMatch(/^mailpit\s+already running\s/m);

    const after = await statusOf(env);
    expect(after.code).toBe(0);
    expect(after.parts.redis.pid).not.toBe(firstPids.redis);
    expect(after.parts.mailpit.pid).toBe(firstPids.mailpit);
  });

  it('logs shows the tail of each log file', async () => {
    const run = await stack(env, 'logs', 'redis');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('redis.log');
    expect(run.stdout).toContain('Ready to accept connections');
  });

  it('refuses a port held by a foreign process, with a clear message', async () => {
    const other = await privateEnv();
    envs.push(other);
    const port = Number(other.REDIS_PORT);
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const run = await stack(other, 'up', 'redis');
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain(`redis: port ${port} in use by another process`);
      expect(fs.existsSync(path.join(other.HUB_STACK_DIR!, 'pids', 'redis.pid'))).toBe(false);

      const status = await stack(other, 'status', 'redis');
      expect(status.code).toBe(3);
      expect(status.stdout).toMatch(/^redis\s+stopped/m);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('down stops everything it started and leaves no process behind', async () => {
    const { parts } = await statusOf(env);
    const pids = PARTS.map((part) => parts[part].pid!);

    const run = await stack(env, 'down');
    expect(run.code).toBe(0);
    for (const part of PARTS) expect(run.stdout).toMatch(new RegExp(`^${part}\\s+stopped`, 'm'));
    for (const pid of pids) expect(isGone(pid)).toBe(true);
    expect(fs.readdirSync(path.join(env.HUB_STACK_DIR!, 'pids')).filter((f) => f.endsWith('.pid'))).toEqual([]);

    const after = await statusOf(env);
    expect(after.code).toBe(3);
    for (const part of PARTS) expect(after.parts[part].state).toBe('stopped');

    // Data survives a plain down.
    expect(fs.existsSync(path.join(env.HUB_STACK_DIR!, 'data', 'redis'))).toBe(true);
    const again = await stack(env, 'down');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^redis\s+not running/m);
  });
});
