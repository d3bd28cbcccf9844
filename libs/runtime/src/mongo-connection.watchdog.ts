import { Logger } from '@nestjs/common';
import { MongoClient } from 'mongodb';
import type { Connection } from 'mongoose';
import { mongoConnectOptions, MongoOptions } from '@hub/persistence';
import { PeriodicWork } from './periodic-work';

const CHECK_EVERY_MS = 5_000;
const PING_TIMEOUT_MS = 3_000;
/** Longer than the driver's own recovery (server selection 10 s, heartbeat 10 s) ever takes when it works. */
const STUCK_AFTER_MS = 30_000;

/**
 * Reopens the service's database connection when the MongoDB driver has lost its way after a database restart.
 * Found by the chaos suite (restart FerretDB during a newsletter send, reproduced 4 of 4): in some processes the
 * driver's server monitor started a heartbeat as the server went down and never finished it, so every operation
 * kept failing server selection with the same stale error for minutes while fresh clients were served at once.
 * The connection is reopened only when this connection has answered nothing for STUCK_AFTER_MS and a fresh client
 * is answered: when the database itself is down, the driver is right to wait.
 */
export class MongoConnectionWatchdog extends PeriodicWork {
  private readonly logger = new Logger(MongoConnectionWatchdog.name);
  private failingSince: number | undefined;

  constructor(
    private readonly connection: Pick<Connection, 'db' | 'close' | 'openUri'>,
    private readonly options: MongoOptions,
    private readonly serverAnswersNewClient = () => freshClientAnswers(options.url),
  ) {
    super();
  }

  protected get intervalMs(): number {
    return CHECK_EVERY_MS;
  }

  protected run(): Promise<boolean> {
    return this.check(Date.now());
  }

  /** True when it reopened the connection. */
  async check(now: number): Promise<boolean> {
    if (await answers(() => this.connection.db!.admin().ping())) {
      this.failingSince = undefined;
      return false;
    }
    this.failingSince ??= now;
    if (now - this.failingSince < STUCK_AFTER_MS || !(await this.serverAnswersNewClient())) return false;
    this.logger.warn(`the database answers a new client but not this connection for ${Math.round((now - this.failingSince) / 1000)} s: reopening it`);
    // Not forced: mongoose refuses every later operation on a connection that was force-closed, reopened or not.
    await this.connection.close(false);
    await this.connection.openUri(this.options.url, mongoConnectOptions(this.options));
    this.failingSince = undefined;
    this.logger.log('database connection reopened');
    return true;
  }
}

async function freshClientAnswers(url: string): Promise<boolean> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: PING_TIMEOUT_MS, connectTimeoutMS: PING_TIMEOUT_MS });
  try {
    return await answers(async () => {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
    });
  } finally {
    await client.close(true).catch(() => undefined);
  }
}

async function answers(ping: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((settle) => (timer = setTimeout(() => settle(false), PING_TIMEOUT_MS)));
  try {
    return await Promise.race([ping().then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
