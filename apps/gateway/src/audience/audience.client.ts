import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import type {
  ConfirmSubscriptionResponse,
  PublicMailingList,
  SubscribeRequest,
  SubscribeResponse,
} from '@hub/contracts';
import { InternalApiClient } from '@hub/http';
import type { GatewayConfig } from '../gateway.config';

/** The audience service's internal API, as the gateway uses it. */
@Injectable()
export class AudienceClient {
  private readonly http: InternalApiClient;

  constructor(@Inject(APP_CONFIG) config: GatewayConfig) {
    this.http = new InternalApiClient('audience', config.AUDIENCE_URL, config.INTERNAL_API_SECRET);
  }

  publicLists(networkId: string): Promise<PublicMailingList[]> {
    return this.http.request('GET', `/internal/networks/${encodeURIComponent(networkId)}/lists/public`);
  }

  subscribe(networkId: string, request: SubscribeRequest): Promise<SubscribeResponse> {
    return this.http.request('POST', `/internal/networks/${encodeURIComponent(networkId)}/subscriptions`, request);
  }

  confirm(token: string): Promise<ConfirmSubscriptionResponse> {
    return this.http.request('POST', '/internal/subscriptions/confirmations', { token });
  }
}
