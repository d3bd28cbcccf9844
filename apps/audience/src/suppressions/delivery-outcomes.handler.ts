import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EventEnvelope, MessageFailedPayload, normalizeEmail } from '@hub/contracts';
import { OnEvent } from '@hub/messaging';
import { isHardBounce } from './hard-bounce';
import { SuppressionsService } from './suppressions.service';

/** A hard bounce suppresses the address in its network; idempotent, as the consumer requires. */
@Controller()
export class DeliveryOutcomesHandler {
  constructor(private readonly suppressions: SuppressionsService) {}

  @OnEvent('delivery.message.failed')
  async onMessageFailed(@Payload() event: EventEnvelope<MessageFailedPayload>): Promise<void> {
    if (!event.payload.permanent || !isHardBounce(event.payload.smtpResponse)) return;
    const email = normalizeEmail(event.payload.recipient);
    if (email) await this.suppressions.suppress(event.networkId, email, 'hard-bounce');
  }
}
