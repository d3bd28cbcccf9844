import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import type { MailingListView, NewsletterAudienceFilter, NewsletterAudienceRecipient } from '@hub/contracts';
import { InternalApiClient } from '@hub/http';
import type { CampaignsConfig } from '../campaigns.config';

/** What a send's audience is: who was confirmed on the lists before the start, narrowed by the filter. */
export interface AudienceQuery {
  listIds: string[];
  confirmedBefore: Date;
  filter: NewsletterAudienceFilter | null;
  /** The send whose copies carry the links audience signs. */
  sendId: string;
}

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
  async *audience(networkId: string, query: AudienceQuery, firstPage: number, pageSize: number): AsyncGenerator<NewsletterAudienceRecipient[]> {
    const body = new Blob([JSON.stringify({ ...query, confirmedBefore: query.confirmedBefore.toISOString() })]).stream();
    const response = await this.http.stream('POST', `/internal/networks/${encodeURIComponent(networkId)}/newsletter-audience`, body, 'application/json');
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
