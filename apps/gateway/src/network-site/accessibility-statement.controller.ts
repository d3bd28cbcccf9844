import { Controller, Get, Header, Param, Query, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { LANGUAGES, Language } from '@hub/contracts';
import { LOCALE_OF } from '@hub/mail';
import { Public } from '../auth/auth.decorators';
import { Network } from '../networks/network.schema';
import { NetworksService } from '../networks/networks.service';
import { html, isLanguage, PageRenderer, raw } from '../pages/page.renderer';
import { pageLanguage, SitePages } from './site-pages.translator';
import { PageNotFoundFilter } from '../pages/page-not-found.filter';

type Country = Network['country'];

/**
 * Who enforces the accessibility rules for public bodies in each country (the Web Accessibility Directive as each
 * country took it in): the statement must name it and link to where a person can report. Names stay in the
 * authority's own language.
 */
export const SUPERVISORY_AUTHORITIES: Record<Country, { name: string; lang: Language; url: string }> = {
  NO: { name: 'Tilsynet for universell utforming av ikt (Digitaliseringsdirektoratet)', lang: 'nb', url: 'https://www.uutilsynet.no/' },
  SE: { name: 'Myndigheten för digital förvaltning (Digg)', lang: 'sv', url: 'https://www.digg.se/' },
  DK: { name: 'Digitaliseringsstyrelsen', lang: 'da', url: 'https://digst.dk/' },
  FI: { name: 'Lupa- ja valvontavirasto, saavutettavuusvalvonta', lang: 'fi', url: 'https://www.saavutettavuusvaatimukset.fi/' },
};

/** When the statement's contents were last checked against the pages; change it with every review. */
export const STATEMENT_REVIEWED = '2026-12-01';

/** The accessibility statement of each network's public pages (required in NO, SE, DK and FI), and one for the hub. */
@Public()
@ApiExcludeController()
@UseFilters(PageNotFoundFilter)
@Controller()
export class AccessibilityStatementController {
  constructor(
    private readonly networks: NetworksService,
    private readonly pages: PageRenderer,
    private readonly site: SitePages,
  ) {}

  @Get('accessibility')
  @Header('content-type', 'text/html; charset=utf-8')
  async hub(@Query('lang') lang?: string): Promise<string> {
    const language: Language = isLanguage(lang) ? lang : 'en';
    const t = this.site.t(language);
    const networks = await this.networks.listPublic();
    const links = networks.map((network) => html`<li><a href="/networks/${network.slug}/accessibility?lang=${language}">${network.name}</a></li>`).join('');
    const authorities = (Object.keys(SUPERVISORY_AUTHORITIES) as Country[]).map((country) => html`<li>${raw(this.authority(country, language))}</li>`).join('');
    return this.pages.render({
      language,
      title: t('accessibility.title'),
      alternates: { languages: LANGUAGES, href: (other) => `/accessibility?lang=${other}` },
      body: html`<h1>${t('accessibility.title')}</h1>
${raw(this.common(language))}
<h2>${t('accessibility.feedbackHeading')}</h2>
<p>${t('accessibility.feedbackNetworks')}</p>
<ul>${raw(links)}</ul>
<h2>${t('accessibility.enforcementHeading')}</h2>
<p>${t('accessibility.enforcementAll')}</p>
<ul>${raw(authorities)}</ul>`,
    });
  }

  @Get('networks/:slug/accessibility')
  @Header('content-type', 'text/html; charset=utf-8')
  async network(@Param('slug') slug: string, @Query('lang') lang?: string): Promise<string> {
    const network = await this.networks.publicBySlug(slug);
    const language = pageLanguage(network, lang);
    const t = this.site.t(language);
    const contact = network.sender.replyTo || network.sender.fromAddress;
    const title = t('accessibility.networkTitle', { network: network.name });
    return this.pages.render({
      language,
      network,
      title,
      alternates: { languages: network.languages, href: (other) => `/networks/${network.slug}/accessibility?lang=${other}` },
      body: html`<h1>${title}</h1>
${raw(this.common(language))}
<h2>${t('accessibility.feedbackHeading')}</h2>
${raw(
  contact
    ? html`<p>${t('accessibility.feedback')} <a href="mailto:${contact}">${contact}</a></p>`
    : html`<p>${t('accessibility.feedbackNetworks')}</p><p><a href="/accessibility?lang=${language}">${t('accessibility.title')}</a></p>`,
)}
${raw(network.sender.postalAddress ? html`<p>${network.sender.postalAddress}</p>` : '')}
<h2>${t('accessibility.enforcementHeading')}</h2>
<p>${t('accessibility.enforcement')}</p>
<p>${raw(this.authority(network.country, language))}</p>`,
    });
  }

  private common(language: Language): string {
    const t = this.site.t(language);
    const reviewed = new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${STATEMENT_REVIEWED}T00:00:00Z`));
    return html`<p class="lead">${t('accessibility.scope')}</p>
<h2>${t('accessibility.statusHeading')}</h2>
<p>${t('accessibility.status')}</p>
<h2>${t('accessibility.gapsHeading')}</h2>
<ul><li>${t('accessibility.gaps.authored')}</li><li>${t('accessibility.gaps.archive')}</li></ul>
<h2>${t('accessibility.methodHeading')}</h2>
<p>${t('accessibility.method', { date: reviewed })}</p>`;
  }

  private authority(country: Country, language: Language): string {
    const authority = SUPERVISORY_AUTHORITIES[country];
    const lang = authority.lang === language ? '' : html` lang="${authority.lang}"`;
    return html`<a href="${authority.url}"${raw(lang)}>${authority.name}</a>`;
  }
}
