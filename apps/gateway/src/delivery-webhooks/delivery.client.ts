import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import type { DeliveryFeedbackReport, DeliveryFeedbackResult } from '@hub/contracts';
import { InternalApiClient } from '@hub/http';
import type { GatewayConfig } from '../gateway.config';

/** The delivery service's internal API, as the gateway uses it. */
@Injectable()
export class DeliveryClient {
  private readonly http: InternalApiClient;

  constructor(@Inject(APP_CONFIG) config: GatewayConfig) {
    this.http = new InternalApiClient('delivery', config.DELIVERY_URL, config.INTERNAL_API_SECRET);
  }

  reportFeedback(report: DeliveryFeedbackReport): Promise<DeliveryFeedbackResult> {
    return this.http.request('POST', '/internal/delivery-feedback', report);
  }
}
