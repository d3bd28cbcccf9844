import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { EventEnvelope, MessageBouncedPayload, MessageComplainedPayload, SubscriptionUnsubscribedPayload } from '@hub/contracts';
import { OnEvent } from '@hub/messaging';
import { BulkQueue, bulkJobId } from './bulk-queue';
import { NewsletterRepository } from './newsletter.repository';
import { SendOutcomeRepository } from './send-outcome.repository';
import { SendRecipientRepository } from './send-recipient.repository';
import { SendRepository } from './send.repository';

/**
 * Per-send statistics from delivery's reports and from people leaving through a send's links, and people who leave a
 * list while a send to it is under way.
 */
@Controller()
export class SendEventsHandler {
  constructor(
    private readonly sends: SendRepository,
    private readonly outcomes: SendOutcomeRepository,
    private readonly newsletters: NewsletterRepository,
    private readonly recipients: SendRecipientRepository,
    private readonly queue: BulkQueue,
  ) {}

  @OnEvent('delivery.message.bounced')
  async onBounced(@Payload() event: EventEnvelope<MessageBouncedPayload>): Promise<void> {
    await this.record(event.payload.source, 'bounced', event.payload.deliveryId, event.occurredAt);
  }

  @OnEvent('delivery.message.complained')
  async onComplained(@Payload() event: EventEnvelope<MessageComplainedPayload>): Promise<void> {
    await this.record(event.payload.source, 'complained', event.payload.deliveryId, event.occurredAt);
  }

  /**
   * Someone who left every list they were in the snapshot through is skipped: marked, so no replay adds them, and
   * their job taken back if it still waits. (A whole-network unsubscribe also suppresses them, which delivery checks.)
   */
  @OnEvent('audience.subscription.unsubscribed')
  async onUnsubscribed(@Payload() event: EventEnvelope<SubscriptionUnsubscribedPayload>): Promise<void> {
    if (event.payload.sendId) await this.countLeaving(event, event.payload.sendId);
    for (const newsletter of await this.newsletters.listInStates(['sending', 'paused'])) {
      if (newsletter.networkId !== event.networkId || !newsletter.sendId) continue;
      const recipient = await this.recipients.findOne(newsletter.sendId, event.payload.contactId);
      if (!recipient || recipient.skipped) continue;
      if (await this.recipients.leave(recipient, event.payload.all ? recipient.listIds : event.payload.listIds)) {
        await this.queue.remove(bulkJobId(newsletter.sendId, recipient.contactId));
      }
    }
  }

  /** Counted only for a person in the send's snapshot, in the send's own network (the link names both). */
  private async countLeaving(event: EventEnvelope<SubscriptionUnsubscribedPayload>, sendId: string): Promise<void> {
    const send = await this.sends.findById(sendId);
    if (!send || send.test || send.networkId !== event.networkId) return;
    const { contactId } = event.payload;
    if (!(await this.recipients.findOne(sendId, contactId))) return;
    await this.outcomes.record({ _id: `unsubscribed:${sendId}:${contactId}`, sendId, kind: 'unsubscribed', at: new Date(event.occurredAt) });
  }

  private async record(source: string, kind: 'bounced' | 'complained', deliveryId: string, occurredAt: string): Promise<void> {
    const send = await this.sends.findById(source);
    if (!send || send.test) return;
    await this.outcomes.record({ _id: `${kind}:${deliveryId}`, sendId: send._id, kind, at: new Date(occurredAt) });
  }
}
