import { LANGUAGES } from '@hub/contracts';
import { missingKeys } from '@hub/i18n';
import { PREFERENCES_PAGE_CATALOG } from './preferences-page.catalog';

describe('the preferences page catalogue', () => {
  it.each(LANGUAGES)('has every key in %s', (language) => {
    expect(missingKeys(PREFERENCES_PAGE_CATALOG.en as never, PREFERENCES_PAGE_CATALOG[language] as never)).toEqual([]);
  });
});
