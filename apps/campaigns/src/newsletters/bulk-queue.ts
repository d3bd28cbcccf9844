import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG } from '@hub/config';
import { BULK_JOB_OPTIONS, BulkMailJob, MAIL_QUEUES } from '@hub/contracts';
import type { CampaignsConfig } from '../campaigns.config';
import type { SendRecipient } from './send-recipient.schema';
import type { Send } from './send.schema';

const PENDING_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'waiting-children'] as const;
const LOCKED_RETRY_MS = 200;

export function bulkJobId(sendId: string, contactId: string): string {
  return `newsletter-${sendId}-${contactId}`;
}

export type JobRecipient = Pick<SendRecipient, 'contactId' | 'email' | 'language' | 'preferencesToken' | 'unsubscribeToken'>;

/** One copy of a send for one person: ids and personal links only; delivery fetches the body once per language. */
export function newsletterJob(send: Pick<Send, '_id' | 'networkId' | 'newsletterId'>, recipient: JobRecipient): BulkMailJob {
  return {
    kind: 'newsletter',
    source: send._id,
    networkId: send.networkId,
    correlationId: send._id,
    newsletterId: send.newsletterId,
    contactId: recipient.contactId,
    recipient: recipient.email,
    language: recipient.language,
    preferencesToken: recipient.preferencesToken,
    unsubscribeToken: recipient.unsubscribeToken,
  };
}

/**
 * Campaigns' side of delivery's bulk queue (same Redis, same BullMQ prefix): adds newsletter jobs in bulk and takes
 * back a send's waiting ones. Only delivery works the queue.
 */
@Injectable()
export class BulkQueue implements OnModuleDestroy {
  private readonly queue: Queue<BulkMailJob>;

  constructor(@Inject(APP_CONFIG) config: CampaignsConfig) {
    this.queue = new Queue<BulkMailJob>(MAIL_QUEUES.bulk, {
      connection: { url: config.REDIS_URL, maxRetriesPerRequest: null } as never,
      prefix: config.QUEUE_PREFIX,
    });
  }

  /** Jobs waiting for a worker, across sends: what the fan-out's back-pressure looks at. */
  waiting(): Promise<number> {
    return this.queue.getJobCountByTypes('waiting', 'prioritized');
  }

  /** A job id that exists already is ignored by BullMQ, which is what makes a repeated page harmless. */
  async add(jobs: BulkMailJob[]): Promise<void> {
    await this.queue.addBulk(jobs.map((job) => ({ name: job.kind, data: job, opts: { ...BULK_JOB_OPTIONS, jobId: bulkJobId(job.source, job.contactId) } })));
  }

  /**
   * Adds jobs again after a pause: a job kept from before (say, completed without sending because the send was
   * paused) would make BullMQ ignore the new one, so each is removed first, waiting for one a worker holds to finish.
   * The delivery log's claims keep everyone already sent from a second copy.
   */
  async replace(jobs: BulkMailJob[]): Promise<void> {
    await Promise.all(jobs.map((job) => this.removeWhenUnlocked(bulkJobId(job.source, job.contactId))));
    await this.add(jobs);
  }

  async remove(jobId: string): Promise<boolean> {
    return (await this.queue.remove(jobId)) === 1;
  }

  async countWaiting(sendId: string): Promise<number> {
    return (await this.waitingIds(sendId)).length;
  }

  /** Removes the send's jobs that wait for a worker; returns how many. */
  async removeWaiting(sendId: string): Promise<number> {
    const ids = await this.waitingIds(sendId);
    const removed = await Promise.all(ids.map((id) => this.queue.remove(id)));
    return removed.filter((count) => count === 1).length;
  }

  /** Whether any job of the send is still to be worked on (waiting, active or retrying). */
  async hasPending(sendId: string): Promise<boolean> {
    const prefix = `newsletter-${sendId}-`;
    return (await this.queue.getRanges([...PENDING_STATES], 0, -1)).some((id) => id.startsWith(prefix));
  }

  private async waitingIds(sendId: string): Promise<string[]> {
    const prefix = `newsletter-${sendId}-`;
    return (await this.queue.getRanges(['waiting', 'prioritized', 'delayed'], 0, -1)).filter((id) => id.startsWith(prefix));
  }

  private async removeWhenUnlocked(jobId: string): Promise<void> {
    for (;;) {
      if ((await this.queue.remove(jobId)) === 1) return;
      const state = await this.queue.getJobState(jobId);
      if (state !== 'active') return;
      await sleep(LOCKED_RETRY_MS);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.queue.close();
  }
}
