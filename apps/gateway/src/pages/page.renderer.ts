import { Injectable } from '@nestjs/common';
import type { TFunction } from 'i18next';
import { LANGUAGES, Language } from '@hub/contracts';
import { createTranslator } from '@hub/i18n';
import { PAGE_CATALOG } from './page-catalog';
import { html, raw } from './page-html';
import { PAGE_CSS_HREF } from './page-styles';

export { html, raw, RawHtml } from './page-html';

/** Whose page it is: the header shows the network's name and logo, the footer its accessibility statement. */
export interface PageNetwork {
  slug: string;
  name: string;
  branding?: { logoUrl: string | null; accentColor: string };
}

export interface PageParts {
  language: Language;
  title: string;
  body: string;
  network?: PageNetwork;
  /** The same page in other languages: the header's language switcher (and `<link rel="alternate" hreflang>`). */
  alternates?: { languages: readonly Language[]; href: (language: Language) => string };
}

const ACCENT = /^#[0-9a-f]{3}([0-9a-f]{3})?$/i;

/**
 * The layout of every server-rendered page: `lang` on <html>, one stylesheet (cached, see PageAssetsController),
 * a skip link, a header with the network's name and logo and the language switcher, one <main> landmark, and a
 * footer linking the accessibility statement. Readable without CSS or JavaScript. Pages build their body from
 * page-components.ts with `html`, which escapes every interpolated value; a page has exactly one h1.
 */
@Injectable()
export class PageRenderer {
  private readonly translator = createTranslator(PAGE_CATALOG);

  t(language: Language): TFunction {
    return this.translator.getFixedT(language);
  }

  render({ language, title, body, network, alternates }: PageParts): string {
    const t = this.t(language);
    const accent = network?.branding && ACCENT.test(network.branding.accentColor) ? network.branding.accentColor : null;
    const home = network ? `/networks/${encodeURIComponent(network.slug)}?lang=${language}` : `/?lang=${language}`;
    const logo = network?.branding?.logoUrl ? html`<img src="${network.branding.logoUrl}" alt="">` : '';
    const statement = network ? `/networks/${encodeURIComponent(network.slug)}/accessibility?lang=${language}` : `/accessibility?lang=${language}`;
    const siteTitle = network?.name ?? t('layout.hubName');
    const hreflangs = alternates ? alternates.languages.map((other) => html`<link rel="alternate" hreflang="${other}" href="${alternates.href(other)}">`).join('\n') : '';
    return html`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title === siteTitle ? title : `${title} – ${siteTitle}`}</title>
<link rel="stylesheet" href="${PAGE_CSS_HREF}">
${raw(hreflangs)}
</head>
<body>
<a class="skip" href="#main">${t('skipToContent')}</a>
<header class="site-header"${raw(accent ? ` style="--accent:${accent}"` : '')}>
<div class="site-header__inner">
<a class="brand" href="${home}">${raw(logo)}<span>${siteTitle}</span></a>
${raw(alternates ? this.languageLinks(alternates.languages, alternates.href, language) : '')}
</div>
</header>
<main id="main" tabindex="-1">
${raw(body)}
</main>
<footer class="site-footer">
<div class="site-footer__inner">
<ul>
<li><a href="${statement}">${t('layout.accessibilityStatement')}</a></li>
<li><a href="/lookup?lang=${language}">${t('layout.lookup')}</a></li>
${raw(network ? html`<li><a href="/?lang=${language}">${t('layout.allNetworks')}</a></li>` : '')}
</ul>
</div>
</footer>
</body>
</html>`;
  }

  /** Links to the same page in each of the given languages, each named in its own language. */
  languageLinks(languages: readonly Language[], href: (language: Language) => string, current?: Language): string {
    const t = this.t(current ?? 'en');
    const items = languages
      .map(
        (language) =>
          html`<li><a href="${href(language)}" lang="${language}" hreflang="${language}"${raw(language === current ? ' aria-current="true"' : '')}>${this.t(language)('languageName')}</a></li>`,
      )
      .join('');
    return html`<nav class="languages" aria-label="${t('layout.languages')}"><ul>${raw(items)}</ul></nav>`;
  }
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
