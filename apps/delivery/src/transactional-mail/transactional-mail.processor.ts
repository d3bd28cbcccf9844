import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { MAIL_QUEUES, transactionalMailJobSchema } from '@hub/contracts';
import { Correlation } from '@hub/observability';
import type { DeliveryConfig } from '../delivery.config';
import { sendAsJob } from '../sending/mail-job.errors';
import type { SendOutcome } from '../sending/mail.sender';
import { resendClaimIdOf } from '../sending/resend';
import { TransactionalMailSender } from './transactional-mail.sender';

@Processor(MAIL_QUEUES.transactional)
export class TransactionalMailProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly sender: TransactionalMailSender,
    @Inject(APP_CONFIG) private readonly config: DeliveryConfig,
    @InjectQueue(MAIL_QUEUES.transactional) private readonly queue: Queue,
  ) {
    super();
  }

  /** From the validated config: @Processor's options are fixed at import time, the worker reads these per fetch. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.TRANSACTIONAL_CONCURRENCY;
    (this.worker.opts as { limiter?: { max: number; duration: number } }).limiter = { max: this.config.TRANSACTIONAL_RATE_PER_SECOND, duration: 1_000 };
  }

  async process(job: Job): Promise<SendOutcome> {
    const parsed = transactionalMailJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed job: ${parsed.error.message}`);
    const data = parsed.data;
    return sendAsJob(this.queue, this.config.SMTP_SLOWDOWN_MS, () =>
      Correlation.run({ correlationId: data.correlationId, causationId: data.source }, () => this.sender.send(data, job.attemptsMade, resendClaimIdOf(job.data))),
    );
  }

  /** Finish the jobs in hand and take no more, before the connections they need are closed. */
  async onModuleDestroy(): Promise<void> {
    await this.worker.close();
  }
}
