import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import type { Language, NetworkProfilePayload, NewsletterIssue } from '@hub/contracts';
import { NewsletterRenderer, RenderedNewsletter } from '@hub/newsletter';
import type { CampaignsConfig } from '../campaigns.config';

const CACHED_RENDERINGS = 64;

/**
 * Renders an issue with the network's template, once per (send, language): delivery fetches it once per worker,
 * the console's preview and the archive ask for it again, and a rendering of 100 kB of Markdown is not free.
 */
@Injectable()
export class IssueContent {
  private readonly renderer = new NewsletterRenderer();
  private readonly cache = new Map<string, RenderedNewsletter>();

  constructor(@Inject(APP_CONFIG) private readonly config: CampaignsConfig) {}

  archiveUrl(profile: NetworkProfilePayload, newsletterId: string): string {
    return `${this.config.PUBLIC_BASE_URL}/networks/${encodeURIComponent(profile.slug)}/newsletters/${encodeURIComponent(newsletterId)}`;
  }

  /** `cacheKey` names a frozen send; previews of a draft pass none, as the draft may change at any time. */
  render(profile: NetworkProfilePayload, language: Language, issue: NewsletterIssue, archiveUrl: string | null, cacheKey?: string): RenderedNewsletter {
    const key = cacheKey && `${cacheKey}/${language}`;
    const cached = key ? this.cache.get(key) : undefined;
    if (cached) return cached;
    const rendered = this.renderer.render({ network: profile, language, subject: issue.subject, preheader: issue.preheader, markdown: issue.markdown, archiveUrl });
    if (key) {
      if (this.cache.size >= CACHED_RENDERINGS) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, rendered);
    }
    return rendered;
  }
}
