import { LANGUAGES } from '@hub/contracts';
import { missingKeys } from '@hub/i18n';
import { CONSOLE_CATALOG } from '../console/console.catalog';
import { CONSOLE_IMPORTS_CATALOG } from '../console/console-imports.catalog';
import { SITE_PAGES_CATALOG } from '../network-site/site-pages.catalog';
import { REGISTRATION_PAGE_CATALOG } from '../network-events/registration-page.catalog';
import { LOOKUP_PAGE_CATALOG } from '../organisations/lookup-page.catalog';
import { PREFERENCES_PAGE_CATALOG } from '../preferences/preferences-page.catalog';
import { PAGE_CATALOG } from './page-catalog';
import { html, raw } from './page.renderer';

/** Every catalogue a server-rendered page reads; a page's new catalogue belongs here. */
const CATALOGUES = {
  layout: PAGE_CATALOG,
  site: SITE_PAGES_CATALOG,
  registration: REGISTRATION_PAGE_CATALOG,
  lookup: LOOKUP_PAGE_CATALOG,
  preferences: PREFERENCES_PAGE_CATALOG,
  console: CONSOLE_CATALOG,
  consoleImports: CONSOLE_IMPORTS_CATALOG,
};

describe('public pages', () => {
  const cases = Object.entries(CATALOGUES).flatMap(([name, catalogue]) => LANGUAGES.map((language) => [name, language, catalogue] as const));

  it.each(cases)('have every %s key in %s', (_name, language, catalogue) => {
    expect(missingKeys(catalogue.en as never, catalogue[language] as never)).toEqual([]);
  });

  it('escape interpolated values unless marked raw', () => {
    expect(html`<p>${'<b>&"'}</p>${raw('<i>ok</i>')}`).toBe('<p>&lt;b&gt;&amp;&quot;</p><i>ok</i>');
  });
});
