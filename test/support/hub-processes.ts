import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestRun } from '@hub/testing';
import { SERVICES, serviceEnv, ServiceDefinition, waitForHttpOk } from '../../tools/hub/services.cjs';
import { freePort } from '../../tools/ports/free-port.cjs';

type ServiceName = ServiceDefinition['name'];
const root = resolve(__dirname, '../..');

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * The hub's services as real processes, run from the build (the global setup builds it), each in the test run's
 * private databases, topics and queues. For tests that kill processes or check start-up and shutdown.
 */
export class HubProcesses {
  readonly ports = {} as Record<ServiceName, number>;
  private readonly children = new Map<ServiceName, ChildProcess>();
  private readonly output = new Map<ServiceName, string[]>();
  private readonly errorOutput = new Map<ServiceName, string[]>();
  readonly exits = new Map<ServiceName, Promise<ExitInfo>>();
  private readonly replicas: ChildProcess[] = [];

  constructor(private readonly run: TestRun) {}

  url(name: ServiceName): string {
    return `http://127.0.0.1:${this.ports[name]}`;
  }

  /**
   * Another replica of a running service, on its own port, sharing the run's databases, topics and queues; stops
   * with stopAll(). Returns its base URL.
   */
  async replica(name: ServiceName, overrides: Record<string, string> = {}): Promise<string> {
    const port = await freePort();
    const env = { ...serviceEnv(name, { stack: this.run.stack, ports: this.ports, shared: this.run.env() }), ...overrides, PORT: String(port) };
    const child = spawn(process.execPath, [resolve(root, 'dist/apps', name, 'src/main.js')], {
      cwd: root,
      env: { PATH: process.env.PATH, ...env },
      stdio: 'ignore',
    });
    this.replicas.push(child);
    const url = `http://127.0.0.1:${port}`;
    await waitForHttpOk(`${url}/health/ready`, 60_000, () => child.exitCode === null);
    return url;
  }

  async start(names: ServiceName[] = SERVICES.map((s) => s.name), overrides: Record<string, string> = {}): Promise<void> {
    for (const service of SERVICES) this.ports[service.name] ??= await freePort();
    for (const name of names) this.spawn(name, overrides);
    await Promise.all(names.map((name) => this.waitReady(name)));
  }

  spawn(name: ServiceName, overrides: Record<string, string> = {}): ChildProcess {
    const env = { ...serviceEnv(name, { stack: this.run.stack, ports: this.ports, shared: this.run.env() }), ...overrides };
    const child = spawn(process.execPath, [resolve(root, 'dist/apps', name, 'src/main.js')], {
      cwd: root,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    const errors = this.errorOutput.get(name) ?? [];
    this.output.set(name, lines);
    this.errorOutput.set(name, errors);
    const keep = (chunk: Buffer) => {
      const received = chunk.toString().split('\n').filter(Boolean);
      lines.push(...received);
      if (lines.length > 400) lines.splice(0, lines.length - 400);
      // Error lines apart: a burst of warnings must not push out the one error a failed test needs.
      errors.push(...received.filter((line) => /"level":(50|60)/.test(line)));
      if (errors.length > 50) errors.splice(0, errors.length - 50);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    // Each process's whole log, for a run being debugged: the lines kept above are only its last ones.
    if (process.env.HUB_SERVICE_LOG_DIR) {
      // Made here: an open of a file in a folder that is not there fails the test that spawned the service.
      mkdirSync(process.env.HUB_SERVICE_LOG_DIR, { recursive: true });
      const file = createWriteStream(join(process.env.HUB_SERVICE_LOG_DIR, `${name}-${child.pid}.log`));
      child.stdout!.pipe(file);
      child.stderr!.pipe(file);
    }
    this.children.set(name, child);
    this.exits.set(name, new Promise((done) => child.once('exit', (code, signal) => done({ code, signal }))));
    return child;
  }

  async waitReady(name: ServiceName, timeoutMs = 60_000): Promise<void> {
    try {
      await waitForHttpOk(`${this.url(name)}/health/ready`, timeoutMs, () => this.isRunning(name));
    } catch (error) {
      throw new Error(`${name}: ${(error as Error).message}\n${this.logs(name)}`);
    }
  }

  /** Whether the service's latest process is still alive. */
  isRunning(name: ServiceName): boolean {
    const child = this.children.get(name);
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  logs(name: ServiceName): string {
    return (this.output.get(name) ?? []).slice(-40).join('\n');
  }

  /** The last error-level lines of the service's log (this process's and the ones before a respawn). */
  errorLogs(name: ServiceName): string[] {
    return this.errorOutput.get(name) ?? [];
  }

  kill(name: ServiceName, signal: NodeJS.Signals): Promise<ExitInfo> {
    this.children.get(name)?.kill(signal);
    return this.exits.get(name)!;
  }

  async stopAll(): Promise<void> {
    for (const replica of this.replicas) if (replica.exitCode === null) replica.kill('SIGTERM');
    await Promise.all(
      [...this.children.keys()].map(async (name) => {
        const child = this.children.get(name)!;
        if (child.exitCode !== null || child.signalCode !== null) return;
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await this.kill(name, 'SIGTERM');
        clearTimeout(timer);
      }),
    );
  }
}
