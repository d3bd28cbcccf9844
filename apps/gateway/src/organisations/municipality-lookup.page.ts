import { Injectable } from '@nestjs/common';
import type { TFunction } from 'i18next';
import { LANGUAGES, type Language } from '@hub/contracts';
import { createTranslator } from '@hub/i18n';
import { formatDate, LOCALE_OF } from '@hub/mail';
import { button, textField } from '../pages/page-components';
import { html, PageRenderer, raw } from '../pages/page.renderer';
import { LOOKUP_PAGE_CATALOG } from './lookup-page.catalog';
import type { LookupAnswer } from './organisations.dto';

export interface LookupPageState {
  /** What the person typed, shown back in the field. */
  query: string;
  answer?: LookupAnswer;
  invalid?: boolean;
}

type LookupResult = LookupAnswer['results'][number];

/** "Sjekk din kommune": a GET form that answers on the same page, so it works without JavaScript. */
@Injectable()
export class MunicipalityLookupPage {
  private readonly translator = createTranslator(LOOKUP_PAGE_CATALOG);

  constructor(private readonly pages: PageRenderer) {}

  render(language: Language, state: LookupPageState): string {
    const t = this.translator.getFixedT(language);
    const sameQueryIn = (other: Language) => `/lookup?${new URLSearchParams({ lang: other, ...(state.query && { q: state.query }) })}`;
    return this.pages.render({
      language,
      title: t('title'),
      alternates: { languages: LANGUAGES, href: sameQueryIn },
      body: html`<h1>${t('title')}</h1>
<p>${t('intro')}</p>
<form method="get" action="/lookup" role="search">
<input type="hidden" name="lang" value="${language}">
${raw(textField({ name: 'q', type: 'search', label: t('label'), hint: t('hint'), maxlength: 100, value: state.query, error: state.invalid ? t('invalidQuery') : undefined }))}
${raw(button(t('submit')))}
</form>
${raw(state.answer ? this.answer(t, language, state.answer) : '')}`,
    });
  }

  private answer(t: TFunction, language: Language, answer: LookupAnswer): string {
    const heading = html`<h2>${t('resultsHeading', { query: answer.query })}</h2>`;
    if (answer.results.length === 0) return html`${raw(heading)}<p>${t('noMatch', { query: answer.query })}</p>`;
    return [heading, ...answer.results.map((result) => this.result(t, language, result))].join('\n');
  }

  private result(t: TFunction, language: Language, { organisation, networks }: LookupResult): string {
    const { name, kind, country, officialCode, inhabitants } = organisation;
    const facts = [
      t(`kind.${kind}`),
      new Intl.DisplayNames([LOCALE_OF[language]], { type: 'region' }).of(country) ?? country,
      ...(officialCode === null ? [] : [t('officialCode', { code: officialCode })]),
      ...(inhabitants === null ? [] : [t('inhabitants', { number: new Intl.NumberFormat(LOCALE_OF[language]).format(inhabitants) })]),
    ].join(' · ');
    const head = html`<h3>${name}</h3><p>${facts}</p>`;
    if (networks.length === 0) return html`<section>${raw(head)}<p>${t('inNoNetwork', { name })}</p></section>`;
    const rows = networks
      .map((network) => {
        const status =
          network.status === 'member'
            ? t('status.member')
            : t('status.observerUntil', { date: calendarDate(network.observerUntil!, language) });
        return html`<tr><th scope="row"><a href="/networks/${network.slug}">${network.name}</a></th><td>${status}</td><td><time datetime="${network.joinedOn}">${calendarDate(network.joinedOn, language)}</time></td></tr>`;
      })
      .join('\n');
    return html`<section>${raw(head)}
<table>
<caption>${t('networksCaption', { name })}</caption>
<thead><tr><th scope="col">${t('columns.network')}</th><th scope="col">${t('columns.status')}</th><th scope="col">${t('columns.joined')}</th></tr></thead>
<tbody>
${raw(rows)}
</tbody>
</table></section>`;
  }
}

/** A YYYY-MM-DD calendar date in the reader's words; read in UTC so that no time zone moves it to another day. */
function calendarDate(date: string, language: Language): string {
  return formatDate(new Date(`${date}T00:00:00Z`), language, 'UTC');
}
