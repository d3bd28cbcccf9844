import { Injectable } from '@nestjs/common';
import type { EventEnvelope, NetworkProfilePayload } from '@hub/contracts';
import { EventFactory } from '@hub/messaging';
import type { Network } from './network.schema';

/** Builds `gateway.network.updated`: the whole profile the other services keep a read model of. */
@Injectable()
export class NetworkProfileEvents {
  constructor(private readonly events: EventFactory) {}

  updated(network: Omit<Network, 'outbox'>): EventEnvelope<NetworkProfilePayload> {
    return this.events.create('gateway.network.updated', {
      networkId: network._id,
      key: network._id,
      payload: {
        networkId: network._id,
        slug: network.slug,
        name: network.name,
        country: network.country,
        defaultLanguage: network.defaultLanguage,
        // The default language leads the fallback order; the others keep the order the owners gave them.
        languages: [network.defaultLanguage, ...network.languages.filter((language) => language !== network.defaultLanguage)],
        timeZone: network.timeZone,
        isPublic: network.isPublic,
        branding: { logoUrl: network.branding.logoUrl, accentColor: network.branding.accentColor },
        sender: {
          fromName: network.sender.fromName,
          fromAddress: network.sender.fromAddress,
          replyTo: network.sender.replyTo,
          postalAddress: network.sender.postalAddress,
        },
        revision: network.revision,
      },
    });
  }
}
