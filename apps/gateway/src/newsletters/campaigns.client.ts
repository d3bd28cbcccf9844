import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import type {
  ArchivedNewsletterIssue,
  ArchivedNewsletterView,
  CreateNewsletter,
  Language,
  NewsletterProgress,
  NewsletterStatistics,
  NewsletterView,
  PreviewView,
  ScheduleNewsletter,
  SendNewsletter,
  TestSend,
  UpdateNewsletter,
} from '@hub/contracts';
import { InternalApiClient } from '@hub/http';
import type { GatewayConfig } from '../gateway.config';

export type NewsletterAction = 'send' | 'pause' | 'resume' | 'cancel';

/** The campaigns service's internal API, as the gateway uses it. */
@Injectable()
export class CampaignsClient {
  private readonly http: InternalApiClient;

  constructor(@Inject(APP_CONFIG) config: GatewayConfig) {
    this.http = new InternalApiClient('campaigns', config.CAMPAIGNS_URL, config.INTERNAL_API_SECRET);
  }

  create(networkId: string, request: CreateNewsletter): Promise<NewsletterView> {
    return this.http.request('POST', `${this.network(networkId)}/newsletters`, request);
  }

  list(networkId: string): Promise<NewsletterView[]> {
    return this.http.request('GET', `${this.network(networkId)}/newsletters`);
  }

  get(networkId: string, id: string): Promise<NewsletterView> {
    return this.http.request('GET', this.newsletter(networkId, id));
  }

  update(networkId: string, id: string, request: UpdateNewsletter): Promise<NewsletterView> {
    return this.http.request('PATCH', this.newsletter(networkId, id), request);
  }

  remove(networkId: string, id: string): Promise<void> {
    return this.http.request('DELETE', this.newsletter(networkId, id));
  }

  preview(networkId: string, id: string, language: Language): Promise<PreviewView> {
    return this.http.request('GET', `${this.newsletter(networkId, id)}/preview/${encodeURIComponent(language)}`);
  }

  testSend(networkId: string, id: string, request: TestSend): Promise<{ sendId: string }> {
    return this.http.request('POST', `${this.newsletter(networkId, id)}/test-sends`, request);
  }

  schedule(networkId: string, id: string, request: ScheduleNewsletter): Promise<NewsletterView> {
    return this.http.request('POST', `${this.newsletter(networkId, id)}/schedule`, request);
  }

  send(networkId: string, id: string, request: SendNewsletter): Promise<NewsletterView> {
    return this.http.request('POST', `${this.newsletter(networkId, id)}/send`, request);
  }

  act(networkId: string, id: string, action: NewsletterAction): Promise<NewsletterView> {
    return this.http.request('POST', `${this.newsletter(networkId, id)}/${action}`);
  }

  progress(networkId: string, id: string): Promise<NewsletterProgress> {
    return this.http.request('GET', `${this.newsletter(networkId, id)}/progress`);
  }

  statistics(networkId: string, id: string): Promise<NewsletterStatistics> {
    return this.http.request('GET', `${this.newsletter(networkId, id)}/statistics`);
  }

  archive(networkId: string): Promise<ArchivedNewsletterView[]> {
    return this.http.request('GET', `${this.network(networkId)}/newsletter-archive`);
  }

  archived(networkId: string, id: string): Promise<ArchivedNewsletterIssue> {
    return this.http.request('GET', `${this.network(networkId)}/newsletter-archive/${encodeURIComponent(id)}`);
  }

  private network(networkId: string): string {
    return `/internal/networks/${encodeURIComponent(networkId)}`;
  }

  private newsletter(networkId: string, id: string): string {
    return `${this.network(networkId)}/newsletters/${encodeURIComponent(id)}`;
  }
}
