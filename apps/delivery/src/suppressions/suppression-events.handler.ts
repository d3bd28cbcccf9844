import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EventEnvelope, SuppressionAddedPayload, SuppressionRemovedPayload } from '@hub/contracts';
import { OnEvent } from '@hub/messaging';
import { SuppressionRepository } from './suppression.repository';

/** Keeps the local read model of audience's suppressions, checked before every send. */
@Controller()
export class SuppressionEventsHandler {
  constructor(private readonly suppressions: SuppressionRepository) {}

  @OnEvent('audience.suppression.added')
  async onAdded(@Payload() event: EventEnvelope<SuppressionAddedPayload>): Promise<void> {
    const { email, emailHash, reason } = event.payload;
    await this.suppressions.apply(event.networkId, email, emailHash, reason, new Date(event.occurredAt));
  }

  @OnEvent('audience.suppression.removed')
  async onRemoved(@Payload() event: EventEnvelope<SuppressionRemovedPayload>): Promise<void> {
    const { email, emailHash } = event.payload;
    await this.suppressions.apply(event.networkId, email, emailHash, null, new Date(event.occurredAt));
  }
}
