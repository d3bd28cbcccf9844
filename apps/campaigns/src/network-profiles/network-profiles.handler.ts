import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import type { EventEnvelope, NetworkProfilePayload } from '@hub/contracts';
import { OnEvent } from '@hub/messaging';
import { NetworkProfileRepository } from './network-profile.repository';

/** The read model of network profiles: newsletters need the zone, the fallback languages, the sender and branding. */
@Controller()
export class NetworkProfilesHandler {
  constructor(private readonly profiles: NetworkProfileRepository) {}

  @OnEvent('gateway.network.updated')
  async onNetworkUpdated(@Payload() event: EventEnvelope<NetworkProfilePayload>): Promise<void> {
    await this.profiles.keepNewer(event.payload);
  }
}
