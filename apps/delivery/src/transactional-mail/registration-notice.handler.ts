import { InjectQueue } from '@nestjs/bullmq';
import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { Queue } from 'bullmq';
import {
  EventEnvelope,
  EventParticipant,
  MAIL_QUEUES,
  NetworkEventCancelledPayload,
  NetworkEventRescheduledPayload,
  NetworkEventSnapshot,
  RegistrationCancelledPayload,
  RegistrationConfirmedPayload,
  RegistrationWaitlistedPayload,
  ReminderDuePayload,
  TransactionalMailJob,
} from '@hub/contracts';
import { OnEvent } from '@hub/messaging';

type Notice = Extract<TransactionalMailJob, { kind: 'registration-notice' }>['notice'];

/**
 * What scheduling announces about a registration becomes one email to the participant; a change of the event, one to
 * each. Idempotent (no processed-event bookkeeping): job ids come from the event, and delivery claims send once.
 */
@Controller()
export class RegistrationNoticeHandler {
  constructor(@InjectQueue(MAIL_QUEUES.transactional) private readonly queue: Queue<TransactionalMailJob>) {}

  @OnEvent('scheduling.registration.confirmed', { idempotent: true })
  onConfirmed(@Payload() event: EventEnvelope<RegistrationConfirmedPayload>): Promise<void> {
    return this.enqueue(event, 'confirmed', event.payload.joinUrl);
  }

  @OnEvent('scheduling.registration.promoted', { idempotent: true })
  onPromoted(@Payload() event: EventEnvelope<RegistrationConfirmedPayload>): Promise<void> {
    return this.enqueue(event, 'promoted', event.payload.joinUrl);
  }

  @OnEvent('scheduling.registration.waitlisted', { idempotent: true })
  onWaitlisted(@Payload() event: EventEnvelope<RegistrationWaitlistedPayload>): Promise<void> {
    return this.enqueue(event, 'waitlisted', null);
  }

  @OnEvent('scheduling.registration.cancelled', { idempotent: true })
  onCancelled(@Payload() event: EventEnvelope<RegistrationCancelledPayload>): Promise<void> {
    return this.enqueue(event, 'cancelled', null);
  }

  @OnEvent('scheduling.reminder.due', { idempotent: true })
  async onReminderDue(@Payload() event: EventEnvelope<ReminderDuePayload>): Promise<void> {
    await this.fanOut(event, 'reminder', event.payload.event, [event.payload], event.payload.joinUrl);
  }

  @OnEvent('scheduling.event.rescheduled', { idempotent: true })
  async onRescheduled(@Payload() event: EventEnvelope<NetworkEventRescheduledPayload>): Promise<void> {
    const { participants, previousStartsAt: _from, previousEndsAt: _to, joinUrl, ...snapshot } = event.payload;
    await this.fanOut(event, 'rescheduled', snapshot, participants, joinUrl);
  }

  @OnEvent('scheduling.event.cancelled', { idempotent: true })
  async onEventCancelled(@Payload() event: EventEnvelope<NetworkEventCancelledPayload>): Promise<void> {
    const { participants, ...snapshot } = event.payload;
    await this.fanOut(event, 'event-cancelled', snapshot, participants, null);
  }

  private async enqueue(event: EventEnvelope<RegistrationWaitlistedPayload>, notice: Notice, joinUrl: string | null): Promise<void> {
    // A coordinator's quiet change (added or moved without notification).
    if (event.payload.notify === false) return;
    return this.fanOut(event, notice, event.payload.event, [event.payload], joinUrl);
  }

  /** One job per participant; the job id (and the delivery claim) derive from the event and the registration. */
  private async fanOut(event: EventEnvelope<unknown>, notice: Notice, snapshot: NetworkEventSnapshot, participants: EventParticipant[], joinUrl: string | null): Promise<void> {
    const jobs = participants.map((participant) => {
      const data: TransactionalMailJob = {
        kind: 'registration-notice',
        source: event.id,
        networkId: event.networkId,
        correlationId: event.correlationId,
        recipient: participant.email,
        language: participant.language,
        notice,
        name: participant.name,
        manageToken: participant.manageToken,
        event: snapshot,
        joinUrl,
      };
      return { name: data.kind, data, opts: { jobId: `registration-notice-${event.id}-${participant.registrationId}` } };
    });
    if (jobs.length > 0) await this.queue.addBulk(jobs);
  }
}
