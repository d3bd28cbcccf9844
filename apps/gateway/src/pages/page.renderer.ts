import { Injectable } from '@nestjs/common';
import escapeHtml from 'escape-html';
import type { TFunction } from 'i18next';
import { LANGUAGES, Language } from '@hub/contracts';
import { createTranslator } from '@hub/i18n';
import { PAGE_CATALOG } from './page-catalog';

export interface PageParts {
  language: Language;
  title: string;
  body: string;
}

/**
 * The frame of every public page: language attribute, skip link, one h1 per page, readable without CSS or
 * JavaScript. Pages build their body with `html` below, which escapes every interpolated value.
 */
@Injectable()
export class PageRenderer {
  private readonly translator = createTranslator(PAGE_CATALOG);

  t(language: Language): TFunction {
    return this.translator.getFixedT(language);
  }

  render({ language, title, body }: PageParts): string {
    const t = this.t(language);
    return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#1b1b1b;background:#fafaf7;line-height:1.5}
main{max-width:40rem;margin:0 auto;padding:1.5rem}
a{color:#1d5a3b}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
label{display:block;font-weight:600;margin-top:1rem}
input[type=email],input[type=text],select{font:inherit;padding:.5rem;width:100%;max-width:24rem;border:1px solid #555;border-radius:4px}
button{font:inherit;margin-top:1rem;padding:.6rem 1.2rem;background:#1d5a3b;color:#fff;border:0;border-radius:4px;cursor:pointer}
button:focus,input:focus,select:focus,a:focus{outline:3px solid #f2b705;outline-offset:2px}
.error{color:#a4000f;font-weight:600}
nav.languages a{margin-right:.75rem}
</style>
</head>
<body>
<a class="skip" href="#main">${escapeHtml(t('skipToContent'))}</a>
<main id="main">
${body}
</main>
</body>
</html>`;
  }

  /** Links to the same page in each of the given languages. */
  languageLinks(languages: readonly Language[], href: (language: Language) => string): string {
    return `<nav class="languages" aria-label="Language">${languages
      .map((language) => html`<a href="${href(language)}" lang="${language}" hreflang="${language}">${this.t(language)('languageName')}</a>`)
      .join('')}</nav>`;
  }
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** A tagged template that escapes every value; nest already-built HTML with `raw()`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, part, index) => {
    if (index === 0) return part;
    const value = values[index - 1];
    const rendered = value instanceof RawHtml ? value.html : escapeHtml(String(value ?? ''));
    return `${out}${rendered}${part}`;
  }, '');
}

export class RawHtml {
  constructor(readonly html: string) {}
}

export function raw(markup: string): RawHtml {
  return new RawHtml(markup);
}
