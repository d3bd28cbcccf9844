import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import type { MailingListView, NewsletterAudienceRecipient } from '@hub/contracts';
import { InternalApiClient } from '@hub/http';
import type { CampaignsConfig } from '../campaigns.config';

/** Audience's internal API: the lists, and a newsletter's audience as a stream. */
@Injectable()
export class AudienceClient {
  private readonly http: InternalApiClient;

  constructor(@Inject(APP_CONFIG) config: CampaignsConfig) {
    this.http = new InternalApiClient('audience', config.AUDIENCE_URL, config.INTERNAL_API_SECRET);
  }

  lists(networkId: string): Promise<MailingListView[]> {
    return this.http.request('GET', `/internal/networks/${encodeURIComponent(networkId)}/lists`);
  }

  /**
   * The audience in pages: the first of `firstPage` people (so the first copies leave at once), then of `pageSize`.
   * The next page is read only when the caller asks for it, so a slow fan-out slows audience's cursor down too.
   */
  async *audience(networkId: string, listIds: string[], confirmedBefore: Date, firstPage: number, pageSize: number): AsyncGenerator<NewsletterAudienceRecipient[]> {
    const query = new URLSearchParams({ listIds: listIds.join(','), confirmedBefore: confirmedBefore.toISOString() });
    const response = await this.http.stream('GET', `/internal/networks/${encodeURIComponent(networkId)}/newsletter-audience?${query}`);
    const decoder = new TextDecoder();
    let rest = '';
    let page: NewsletterAudienceRecipient[] = [];
    let size = firstPage;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      const lines = (rest + decoder.decode(chunk, { stream: true })).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        if (!line) continue;
        page.push(JSON.parse(line) as NewsletterAudienceRecipient);
        if (page.length >= size) {
          yield page;
          page = [];
          size = pageSize;
        }
      }
    }
    if (rest.trim()) page.push(JSON.parse(rest) as NewsletterAudienceRecipient);
    if (page.length > 0) yield page;
  }
}
