import { Injectable } from '@nestjs/common';
import type { ConfirmSubscriptionResponse, ConsentSource, SubscribeResponse } from '@hub/contracts';
import { AudienceClient } from '../audience/audience.client';
import { Network } from '../networks/network.schema';
import { NetworksService } from '../networks/networks.service';
import type { PublicSubscribe } from './public-subscribe.dto';

/** The public side of subscribing, shared by the JSON API and the HTML pages. */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly networks: NetworksService,
    private readonly audience: AudienceClient,
  ) {}

  /** `source` names the wording the person saw and their IP, for the consent log. */
  async subscribe(network: Network, request: PublicSubscribe, source: ConsentSource): Promise<SubscribeResponse> {
    const language = request.language ?? network.defaultLanguage;
    this.networks.assertOffers(network, language);
    return this.audience.subscribe(network._id, { ...request, language }, source);
  }

  confirm(token: string, source: ConsentSource): Promise<ConfirmSubscriptionResponse> {
    return this.audience.confirm(token, source);
  }
}
