import { LANGUAGES } from '@hub/contracts';
import { missingKeys } from '@hub/i18n';
import { PAGE_CATALOG } from './page-catalog';
import { html, raw } from './page.renderer';

describe('public pages', () => {
  it.each(LANGUAGES)('have every page key in %s', (language) => {
    expect(missingKeys(PAGE_CATALOG.en as never, PAGE_CATALOG[language] as never)).toEqual([]);
  });

  it('escape interpolated values unless marked raw', () => {
    expect(html`<p>${'<b>&"'}</p>${raw('<i>ok</i>')}`).toBe('<p>&lt;b&gt;&amp;&quot;</p><i>ok</i>');
  });
});
