import { LANGUAGES } from '@hub/contracts';
import { missingKeys } from '@hub/i18n';
import { REGISTRATION_PAGE_CATALOG } from './registration-page.catalog';

describe('the registration page catalogue', () => {
  it.each(LANGUAGES)('has every key in %s', (language) => {
    expect(missingKeys(REGISTRATION_PAGE_CATALOG.en as never, REGISTRATION_PAGE_CATALOG[language] as never)).toEqual([]);
  });
});
