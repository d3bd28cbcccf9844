import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG } from '@hub/config';
import type { Language } from '@hub/contracts';
import type { GatewayConfig } from '../gateway.config';
import type { CsvSummary } from './contact-import-columns';

/** What the upload form said, and what the file holds, for the mapping page. */
export interface ContactImportUpload extends CsvSummary {
  id: string;
  networkId: string;
  fileName: string;
  listIds: string[];
  consentBasis: string;
  defaultLanguage: Language;
  expiresAt: string;
}

/** How long the row count of a started import is kept for its progress bar: longer than any import runs. */
const ROW_COUNT_TTL_SECONDS = 7 * 24 * 3_600;

/**
 * The file between the upload form and the mapping page. The import API takes the mapping before the file, so the
 * console holds the file in Redis (shared by every gateway replica), under a random id, scoped to its network,
 * with an expiry instead of a clean-up job; starting the import takes it out, once.
 */
@Injectable()
export class ContactImportUploadsStore implements OnApplicationShutdown {
  private readonly redis: IORedis;
  private readonly prefix: string;
  private readonly ttlSeconds: number;

  constructor(@Inject(APP_CONFIG) config: GatewayConfig) {
    // A person waits on every command: fail fast instead of queueing through a Redis outage.
    this.redis = new IORedis(config.REDIS_URL, { maxRetriesPerRequest: 2 });
    this.prefix = `${config.QUEUE_PREFIX}:console-import:`;
    this.ttlSeconds = config.CONSOLE_IMPORT_UPLOAD_TTL_MINUTES * 60;
  }

  async hold(upload: Omit<ContactImportUpload, 'id' | 'expiresAt'>, file: Buffer, now = new Date()): Promise<ContactImportUpload> {
    const held: ContactImportUpload = { ...upload, id: randomUUID(), expiresAt: new Date(now.getTime() + this.ttlSeconds * 1_000).toISOString() };
    const key = this.key(held.id);
    await this.redis.multi().hset(key, { meta: JSON.stringify(held), file }).expire(key, this.ttlSeconds).exec();
    return held;
  }

  /** The upload if it is still held and belongs to the network; another network's is as absent as an expired one. */
  async find(networkId: string, id: string): Promise<ContactImportUpload | undefined> {
    const meta = await this.redis.hget(this.key(id), 'meta');
    const upload = meta ? (JSON.parse(meta) as ContactImportUpload) : undefined;
    return upload?.networkId === networkId ? upload : undefined;
  }

  /** The file, removed from the store; undefined when expired or already taken, so one upload starts one import. */
  async take(upload: ContactImportUpload): Promise<Buffer | undefined> {
    const key = this.key(upload.id);
    const file = await this.redis.hgetBuffer(key, 'file');
    if (!file) return undefined;
    return (await this.redis.del(key)) === 1 ? file : undefined;
  }

  /** Puts a taken file back (the import could not be created), for its remaining time. */
  async restore(upload: ContactImportUpload, file: Buffer, now = new Date()): Promise<void> {
    const seconds = Math.floor((new Date(upload.expiresAt).getTime() - now.getTime()) / 1_000);
    if (seconds <= 0) return;
    const key = this.key(upload.id);
    await this.redis.multi().hset(key, { meta: JSON.stringify(upload), file }).expire(key, seconds).exec();
  }

  /**
   * Remembers the import an upload became, and the file's data rows for the progress bar's maximum (audience only
   * counts the rows read so far). A second press of "start", or the browser's back button, then finds the import.
   */
  async remember(upload: ContactImportUpload, importId: string): Promise<void> {
    await this.redis
      .multi()
      .set(`${this.prefix}rows:${importId}`, String(upload.rows), 'EX', ROW_COUNT_TTL_SECONDS)
      .set(`${this.prefix}started:${upload.id}`, JSON.stringify({ networkId: upload.networkId, importId }), 'EX', this.ttlSeconds)
      .exec();
  }

  /** The import the network started from this upload, if any. */
  async startedImport(networkId: string, uploadId: string): Promise<string | undefined> {
    const started = await this.redis.get(`${this.prefix}started:${uploadId}`);
    const parsed = started ? (JSON.parse(started) as { networkId: string; importId: string }) : undefined;
    return parsed?.networkId === networkId ? parsed.importId : undefined;
  }

  async rowCount(importId: string): Promise<number | undefined> {
    const rows = await this.redis.get(`${this.prefix}rows:${importId}`);
    return rows === null ? undefined : Number(rows);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }

  private key(id: string): string {
    return `${this.prefix}upload:${id}`;
  }
}
