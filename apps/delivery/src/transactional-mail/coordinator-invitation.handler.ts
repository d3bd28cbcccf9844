import { InjectQueue } from '@nestjs/bullmq';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { Queue } from 'bullmq';
import { CoordinatorInvitedPayload, EventEnvelope, MAIL_QUEUES, TransactionalMailJob } from '@hub/contracts';
import { OnEvent } from '@hub/messaging';

/**
 * An owner invited someone to coordinate a network: one invitation email. Idempotent (no processed-event
 * bookkeeping): the job id comes from the event, and the delivery claim sends its email once.
 */
@Controller()
export class CoordinatorInvitationHandler {
  constructor(@InjectQueue(MAIL_QUEUES.transactional) private readonly queue: Queue<TransactionalMailJob>) {}

  @OnEvent('gateway.coordinator.invited', { idempotent: true })
  async onInvited(@Payload() event: EventEnvelope<CoordinatorInvitedPayload>): Promise<void> {
    const job: TransactionalMailJob = {
      kind: 'coordinator-invitation',
      source: event.id,
      networkId: event.networkId,
      correlationId: event.correlationId,
      recipient: event.payload.email,
      language: event.payload.language,
      networkName: event.payload.networkName,
      role: event.payload.role,
      invitedBy: event.payload.invitedBy,
      acceptToken: event.payload.acceptToken,
      expiresAt: event.payload.expiresAt,
    };
    await this.queue.add(job.kind, job, { jobId: `coordinator-invitation-${event.id}` });
  }
}
