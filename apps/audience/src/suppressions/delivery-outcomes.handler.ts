import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EventEnvelope, MessageBouncedPayload, MessageComplainedPayload, MessageFailedPayload, normalizeEmail } from '@hub/contracts';
import { OnEvent } from '@hub/messaging';
import { isHardBounce } from './hard-bounce';
import { SuppressionsService } from './suppressions.service';

/** Delivery's feedback suppresses the address in its network; idempotent, as the consumer requires. */
@Controller()
export class DeliveryOutcomesHandler {
  constructor(private readonly suppressions: SuppressionsService) {}

  @OnEvent('delivery.message.failed')
  async onMessageFailed(@Payload() event: EventEnvelope<MessageFailedPayload>): Promise<void> {
    if (!event.payload.permanent || !isHardBounce(event.payload.smtpResponse)) return;
    await this.suppress(event.networkId, event.payload.recipient, 'hard-bounce');
  }

  /** Delivery decides what is hard: a bad address, or soft bounces that went on long enough. */
  @OnEvent('delivery.message.bounced')
  async onMessageBounced(@Payload() event: EventEnvelope<MessageBouncedPayload>): Promise<void> {
    if (event.payload.hard) await this.suppress(event.networkId, event.payload.recipient, 'hard-bounce');
  }

  /** A "not-spam" report is someone taking a message out of their spam folder: no reason to stop writing. */
  @OnEvent('delivery.message.complained')
  async onMessageComplained(@Payload() event: EventEnvelope<MessageComplainedPayload>): Promise<void> {
    if (event.payload.feedbackType !== 'not-spam') await this.suppress(event.networkId, event.payload.recipient, 'complaint');
  }

  private async suppress(networkId: string, recipient: string, reason: 'hard-bounce' | 'complaint'): Promise<void> {
    const email = normalizeEmail(recipient);
    if (email) await this.suppressions.suppress(networkId, email, reason);
  }
}
