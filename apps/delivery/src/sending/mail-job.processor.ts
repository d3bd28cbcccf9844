import { WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import type { z } from 'zod';
import { Correlation } from '@hub/observability';
import { sendAsJob } from './mail-job.errors';
import type { SendOutcome } from './mail.sender';
import { resendClaimIdOf } from './resend';

/**
 * BullMQ's defaults, measured against in the chaos suite:
 * - a 30 s lock and a stalled check every 30 s left the jobs a killed worker held untouched for up to a minute
 *   (55–85 s before mail flowed again after a SIGKILL of delivery). A lock renewed every 5 s and checked every 5 s
 *   gives them back within 15 s. A live worker whose event loop is held past 10 s can lose a job this way; its copy
 *   then finds the delivery log's claim and sends nothing (see MailSender).
 * - after a lost Redis connection each worker slot waited `runRetryDelay`, 15 s, before fetching again: the last 600
 *   messages took 16 s after a 3 s Redis restart, 4.5 s with 1 s. ioredis holds commands while it reconnects, so a
 *   longer outage does not turn the shorter delay into a storm of failing calls.
 */
export const MAIL_WORKER_OPTIONS = { lockDuration: 10_000, stalledInterval: 5_000, runRetryDelay: 1_000 };

export interface MailJobSender<T> {
  send(job: T, attempt: number, claimId?: string): Promise<SendOutcome>;
}

/**
 * What both queues' workers do with a job: validate it, run its send under its correlation id, and turn the failure
 * into what BullMQ should do (see sendAsJob). Each queue's subclass names its queue, sender and limits.
 */
export abstract class MailJobProcessor<T extends { correlationId: string; source: string }> extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  protected constructor(
    private readonly schema: z.ZodType<T>,
    private readonly sender: MailJobSender<T>,
    private readonly queue: Queue,
    private readonly settings: { concurrency: number; ratePerSecond: number; slowDownMs: number },
  ) {
    super();
  }

  /** From the validated config: @Processor's options are fixed at import time, the worker reads these per fetch. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.settings.concurrency;
    (this.worker.opts as { limiter?: { max: number; duration: number } }).limiter = { max: this.settings.ratePerSecond, duration: 1_000 };
  }

  async process(job: Job): Promise<SendOutcome> {
    const parsed = this.schema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed job: ${parsed.error.message}`);
    const data = parsed.data;
    return sendAsJob(this.queue, this.settings.slowDownMs, () =>
      Correlation.run({ correlationId: data.correlationId, causationId: data.source }, () => this.sender.send(data, job.attemptsMade, resendClaimIdOf(job.data))),
    );
  }

  /** Finish the jobs in hand and take no more, before the connections they need are closed. */
  async onModuleDestroy(): Promise<void> {
    await this.worker.close();
  }
}
