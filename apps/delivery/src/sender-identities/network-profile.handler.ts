import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EventEnvelope, NetworkProfilePayload } from '@hub/contracts';
import { OnEvent } from '@hub/messaging';
import { SenderIdentityRepository } from './sender-identity.repository';

/** Keeps each network's sending identity from the gateway's profile events; an older revision is ignored. */
@Controller()
export class NetworkProfileHandler {
  constructor(private readonly identities: SenderIdentityRepository) {}

  @OnEvent('gateway.network.updated')
  async onUpdated(@Payload() event: EventEnvelope<NetworkProfilePayload>): Promise<void> {
    const profile = event.payload;
    await this.identities.save({
      _id: profile.networkId,
      networkName: profile.name,
      slug: profile.slug,
      fromName: profile.sender.fromName,
      fromAddress: profile.sender.fromAddress,
      replyTo: profile.sender.replyTo,
      version: profile.revision,
    });
  }
}
