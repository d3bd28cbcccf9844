import { LANGUAGES } from '@hub/contracts';
import { missingKeys } from '@hub/i18n';
import { LOOKUP_PAGE_CATALOG } from './lookup-page.catalog';

describe('the municipality lookup page catalogue', () => {
  it.each(LANGUAGES)('has every key in %s', (language) => {
    expect(missingKeys(LOOKUP_PAGE_CATALOG.en as never, LOOKUP_PAGE_CATALOG[language] as never)).toEqual([]);
  });
});
