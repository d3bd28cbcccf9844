import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import type { MailQueueStates, ResendDeliveryResponse, UnknownDeliveryFilter, UnknownDeliveryPage } from '@hub/contracts';
import { InternalApiClient } from '@hub/http';
import type { GatewayConfig } from '../gateway.config';

const seg = encodeURIComponent;

/** The delivery service's internal API, as the gateway uses it. */
@Injectable()
export class DeliveryConsoleClient {
  private readonly http: InternalApiClient;

  constructor(@Inject(APP_CONFIG) config: GatewayConfig) {
    this.http = new InternalApiClient('delivery', config.DELIVERY_URL, config.INTERNAL_API_SECRET);
  }

  unknowns(networkId: string, filter: UnknownDeliveryFilter): Promise<UnknownDeliveryPage> {
    const query = new URLSearchParams({ limit: String(filter.limit), ...(filter.cursor && { cursor: filter.cursor }) });
    return this.http.request('GET', `/internal/networks/${seg(networkId)}/deliveries/unknown?${query}`);
  }

  resend(networkId: string, id: string): Promise<ResendDeliveryResponse> {
    return this.http.request('POST', `/internal/networks/${seg(networkId)}/deliveries/${seg(id)}/resend`);
  }

  queues(): Promise<MailQueueStates> {
    return this.http.request('GET', '/internal/queues');
  }
}
