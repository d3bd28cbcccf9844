import { InjectQueue } from '@nestjs/bullmq';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { Queue } from 'bullmq';
import { EventEnvelope, MAIL_QUEUES, SubscriptionRequestedPayload, TransactionalMailJob } from '@hub/contracts';
import { OnEvent } from '@hub/messaging';

/**
 * Turns a double opt-in request into a confirmation email job; the slow part (SMTP) happens in the worker. Idempotent
 * (no processed-event bookkeeping): the job id comes from the event, and the delivery claim sends its email once.
 */
@Controller()
export class SubscriptionConfirmationHandler {
  constructor(@InjectQueue(MAIL_QUEUES.transactional) private readonly queue: Queue<TransactionalMailJob>) {}

  @OnEvent('audience.subscription.requested', { idempotent: true })
  async onSubscriptionRequested(@Payload() event: EventEnvelope<SubscriptionRequestedPayload>): Promise<void> {
    const job: TransactionalMailJob = {
      kind: 'subscription-confirmation',
      source: event.id,
      networkId: event.networkId,
      correlationId: event.correlationId,
      recipient: event.payload.email,
      language: event.payload.language,
      listNames: event.payload.lists.map((list) => list.name),
      confirmToken: event.payload.confirmToken,
      confirmBy: event.payload.confirmBy,
    };
    await this.queue.add(job.kind, job, { jobId: `subscription-confirmation-${event.id}` });
  }
}
