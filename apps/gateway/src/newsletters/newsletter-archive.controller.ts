import { Controller, Get, Header, Inject, Param, Query, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Feed } from 'feed';
import { APP_CONFIG } from '@hub/config';
import type { ArchivedNewsletterView } from '@hub/contracts';
import { createTranslator } from '@hub/i18n';
import { formatDate } from '@hub/mail';
import { Public } from '../auth/auth.decorators';
import type { GatewayConfig } from '../gateway.config';
import { NetworksService } from '../networks/networks.service';
import { pageLanguage } from '../network-site/site-pages.translator';
import { html, PageRenderer, raw } from '../pages/page.renderer';
import { ARCHIVE_CATALOG } from './archive.catalog';
import { CampaignsClient } from './campaigns.client';
import { PageNotFoundFilter } from '../pages/page-not-found.filter';

const HTML = 'text/html; charset=utf-8';

/**
 * The public archive of a network's sent newsletters (only those that went to public lists; campaigns decides) as
 * pages and as Atom and RSS feeds. It shows issues, never who received them.
 */
@Public()
@ApiExcludeController()
@UseFilters(PageNotFoundFilter)
@Controller('networks/:slug/newsletters')
export class NewsletterArchiveController {
  private readonly translator = createTranslator(ARCHIVE_CATALOG);

  constructor(
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
    private readonly networks: NetworksService,
    private readonly campaigns: CampaignsClient,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Header('content-type', HTML)
  async index(@Param('slug') slug: string, @Query('lang') lang?: string): Promise<string> {
    const network = await this.networks.publicBySlug(slug);
    const language = pageLanguage(network, lang);
    const t = this.translator.getFixedT(language, undefined, 'archive');
    const issues = await this.campaigns.archive(network._id);
    const base = `/networks/${encodeURIComponent(network.slug)}/newsletters`;
    const items = issues
      .map(
        (issue) =>
          html`<li class="card"><h2 lang="${issue.language}"><a href="${base}/${encodeURIComponent(issue.id)}">${issue.subject}</a></h2><p>${t('sent', { date: formatDate(new Date(issue.sentAt), language, network.timeZone) })}</p>${issue.preheader ? html`<p lang="${issue.language}">${issue.preheader}</p>` : ''}</li>`,
      )
      .join('\n');
    const title = t('title', { network: network.name });
    return this.pages.render({
      language,
      title,
      network,
      alternates: { languages: network.languages, href: (other) => `${base}?lang=${other}` },
      body: html`<h1>${title}</h1>${issues.length ? html`<ul class="cards">${raw(items)}</ul>` : html`<p>${t('empty')}</p>`}<p><a href="${base}/feed.atom" type="application/atom+xml">${t('feed')}</a></p>`,
    });
  }

  @Get('feed.atom')
  @Header('content-type', 'application/atom+xml; charset=utf-8')
  async atom(@Param('slug') slug: string): Promise<string> {
    return (await this.feed(slug)).atom1();
  }

  @Get('feed.rss')
  @Header('content-type', 'application/rss+xml; charset=utf-8')
  async rss(@Param('slug') slug: string): Promise<string> {
    return (await this.feed(slug)).rss2();
  }

  /** The issue as it was sent, in the network's language, with the personal links pointing at the network's page. */
  @Get(':newsletterId')
  @Header('content-type', HTML)
  async issue(@Param('slug') slug: string, @Param('newsletterId') id: string): Promise<string> {
    const network = await this.networks.publicBySlug(slug);
    return (await this.campaigns.archived(network._id, id)).html;
  }

  private async feed(slug: string): Promise<Feed> {
    const network = await this.networks.publicBySlug(slug);
    const issues = await this.campaigns.archive(network._id);
    const t = this.translator.getFixedT(network.defaultLanguage, undefined, 'archive');
    const page = `${this.config.PUBLIC_BASE_URL}/networks/${encodeURIComponent(network.slug)}/newsletters`;
    const feed = new Feed({
      id: page,
      title: t('title', { network: network.name }),
      link: page,
      language: network.defaultLanguage,
      copyright: network.name,
      updated: issues[0] ? new Date(issues[0].sentAt) : undefined,
      feedLinks: { atom: `${page}/feed.atom`, rss: `${page}/feed.rss` },
    });
    for (const issue of issues) feed.addItem(this.item(page, issue));
    return feed;
  }

  private item(page: string, issue: ArchivedNewsletterView): Parameters<Feed['addItem']>[0] {
    const link = `${page}/${encodeURIComponent(issue.id)}`;
    return { id: link, link, title: issue.subject, description: issue.preheader || undefined, date: new Date(issue.sentAt) };
  }
}
