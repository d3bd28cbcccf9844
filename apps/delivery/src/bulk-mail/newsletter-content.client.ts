import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import { Language, NewsletterContent, newsletterContentSchema } from '@hub/contracts';
import { InternalApiClient } from '@hub/http';
import type { DeliveryConfig } from '../delivery.config';

/**
 * A newsletter issue, rendered once per language by campaigns, fetched once per (send, language) and reused for
 * NEWSLETTER_CONTENT_CACHE_MS: a 100 000-copy send makes a request a second, not one per copy, and a pause or
 * cancel (the `state` it carries) still takes effect within a second. Concurrent jobs share one request.
 */
@Injectable()
export class NewsletterContentClient {
  private readonly http: InternalApiClient;
  private readonly cacheMs: number;
  private readonly cache = new Map<string, { at: number; content: Promise<NewsletterContent> }>();

  constructor(@Inject(APP_CONFIG) config: DeliveryConfig) {
    this.http = new InternalApiClient('campaigns', config.CAMPAIGNS_URL, config.INTERNAL_API_SECRET);
    this.cacheMs = config.NEWSLETTER_CONTENT_CACHE_MS;
  }

  get(sendId: string, language: Language, now = Date.now()): Promise<NewsletterContent> {
    const key = `${sendId}/${language}`;
    const cached = this.cache.get(key);
    if (cached && now - cached.at < this.cacheMs) return cached.content;
    const content = this.fetch(sendId, language);
    this.cache.set(key, { at: now, content });
    content.catch(() => this.cache.delete(key));
    // Old entries of finished sends would otherwise stay for the life of the process.
    for (const [other, entry] of this.cache) if (now - entry.at >= this.cacheMs) this.cache.delete(other);
    return content;
  }

  private async fetch(sendId: string, language: Language): Promise<NewsletterContent> {
    const body = await this.http.request<unknown>('GET', `/internal/newsletter-sends/${encodeURIComponent(sendId)}/content/${language}`);
    return newsletterContentSchema.parse(body);
  }
}
