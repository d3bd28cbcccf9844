import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { EventEnvelope, MessageSentPayload } from '@hub/contracts';
import { OnEvent } from '@hub/messaging';
import { SoftBounceStreaks } from './soft-bounce-streaks';

/** A message that went out may be the one that gets through: the soft-bounce streak needs to know it was sent. */
@Controller()
export class SentMessagesHandler {
  constructor(private readonly streaks: SoftBounceStreaks) {}

  @OnEvent('delivery.message.sent')
  async onSent(@Payload() event: EventEnvelope<MessageSentPayload>): Promise<void> {
    await this.streaks.noteSent(event.networkId, event.payload.recipient, event.payload.deliveryId);
  }
}
