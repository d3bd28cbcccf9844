import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG } from '@hub/config';
import { MAIL_QUEUES, TransactionalMailJob, transactionalMailJobSchema } from '@hub/contracts';
import type { DeliveryConfig } from '../delivery.config';
import { MAIL_WORKER_OPTIONS, MailJobProcessor } from '../sending/mail-job.processor';
import { TransactionalMailSender } from './transactional-mail.sender';

@Processor(MAIL_QUEUES.transactional, MAIL_WORKER_OPTIONS)
export class TransactionalMailProcessor extends MailJobProcessor<TransactionalMailJob> {
  constructor(sender: TransactionalMailSender, @Inject(APP_CONFIG) config: DeliveryConfig, @InjectQueue(MAIL_QUEUES.transactional) queue: Queue) {
    super(transactionalMailJobSchema, sender, queue, {
      concurrency: config.TRANSACTIONAL_CONCURRENCY,
      ratePerSecond: config.TRANSACTIONAL_RATE_PER_SECOND,
      slowDownMs: config.SMTP_SLOWDOWN_MS,
    });
  }
}
