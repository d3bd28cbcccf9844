import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { waitFor } from '@hub/testing';
import { freePort } from '../../tools/ports/free-port.cjs';

/** The redis-server the local stack runs (tools/stack/parts/redis.mjs): on PATH, or the stack's own link. */
function redisServerBinary(): string {
  try {
    return execFileSync('which', ['redis-server']).toString().trim();
  } catch {
    const cached = join(homedir(), '.cache', 'nordic-network-hub', 'redis', 'bin', 'redis-server');
    if (existsSync(cached)) return cached;
    throw new Error('redis-server not found: start the local stack once (npm run stack -- up) to install it');
  }
}

/**
 * A private Redis, for tests that stop and restart it: never the shared one. AOF with fsync on every write, so a
 * restart loses nothing the server acknowledged (what the stack's Redis promises within a second).
 */
export class RedisProcess {
  private child: ChildProcess | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'hub-redis-'));
  port = 0;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.port ||= await freePort();
    this.child = spawn(
      redisServerBinary(),
      ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--maxmemory-policy', 'noeviction'],
      { stdio: 'ignore' },
    );
    await waitFor(
      'redis to answer',
      async () => {
        const probe = new IORedis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        try {
          await probe.connect();
          return (await probe.ping()) === 'PONG' ? true : undefined;
        } catch {
          return undefined;
        } finally {
          probe.disconnect();
        }
      },
      { timeoutMs: 15_000, intervalMs: 100 },
    );
    return this;
  }

  /** A clean shutdown (SIGTERM: the AOF is flushed), as an operator's restart does. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  async restart(downForMs: number): Promise<void> {
    await this.stop();
    await new Promise((resolve) => setTimeout(resolve, downForMs));
    await this.start();
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
