import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import { DeliverySummary, deliverySummarySchema } from '@hub/contracts';
import { InternalApiClient } from '@hub/http';
import type { CampaignsConfig } from '../campaigns.config';

/** Delivery's per-source counters: how far a send has got, without reading its delivery log. */
@Injectable()
export class DeliveryClient {
  private readonly http: InternalApiClient;

  constructor(@Inject(APP_CONFIG) config: CampaignsConfig) {
    this.http = new InternalApiClient('delivery', config.DELIVERY_URL, config.INTERNAL_API_SECRET);
  }

  async summary(source: string): Promise<DeliverySummary> {
    return deliverySummarySchema.parse(await this.http.request('GET', `/internal/sources/${encodeURIComponent(source)}/summary`));
  }
}
