import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { APP_CONFIG } from '@hub/config';
import { BulkMailJob, bulkMailJobSchema, MAIL_QUEUES } from '@hub/contracts';
import type { DeliveryConfig } from '../delivery.config';
import { MAIL_WORKER_OPTIONS, MailJobProcessor } from '../sending/mail-job.processor';
import { NewsletterMailSender } from './newsletter-mail.sender';

/** The bulk queue's own worker: its own concurrency, rate limit and SMTP pool, so it never takes a confirmation's slot. */
@Processor(MAIL_QUEUES.bulk, MAIL_WORKER_OPTIONS)
export class BulkMailProcessor extends MailJobProcessor<BulkMailJob> {
  constructor(sender: NewsletterMailSender, @Inject(APP_CONFIG) config: DeliveryConfig, @InjectQueue(MAIL_QUEUES.bulk) queue: Queue) {
    super(bulkMailJobSchema, sender, queue, { concurrency: config.BULK_CONCURRENCY, ratePerSecond: config.BULK_RATE_PER_SECOND, slowDownMs: config.SMTP_SLOWDOWN_MS });
  }
}
