import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { APP_CONFIG } from '@hub/config';
import { bulkMailJobSchema, MAIL_QUEUES } from '@hub/contracts';
import { Correlation } from '@hub/observability';
import type { DeliveryConfig } from '../delivery.config';
import { sendAsJob } from '../sending/mail-job.errors';
import type { SendOutcome } from '../sending/mail.sender';
import { resendClaimIdOf } from '../sending/resend';
import { NewsletterMailSender } from './newsletter-mail.sender';

/** The bulk queue's own worker: its own concurrency, rate limit and SMTP pool, so it never takes a confirmation's slot. */
@Processor(MAIL_QUEUES.bulk)
export class BulkMailProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly sender: NewsletterMailSender,
    @Inject(APP_CONFIG) private readonly config: DeliveryConfig,
    @InjectQueue(MAIL_QUEUES.bulk) private readonly queue: Queue,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.BULK_CONCURRENCY;
    (this.worker.opts as { limiter?: { max: number; duration: number } }).limiter = { max: this.config.BULK_RATE_PER_SECOND, duration: 1_000 };
  }

  async process(job: Job): Promise<SendOutcome> {
    const parsed = bulkMailJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed job: ${parsed.error.message}`);
    const data = parsed.data;
    return sendAsJob(this.queue, this.config.SMTP_SLOWDOWN_MS, () =>
      Correlation.run({ correlationId: data.correlationId, causationId: data.source }, () => this.sender.send(data, job.attemptsMade, resendClaimIdOf(job.data))),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker.close();
  }
}
