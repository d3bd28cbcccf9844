import { LANGUAGES } from '@hub/contracts';
import { missingKeys } from '@hub/i18n';
import { ARCHIVE_CATALOG } from './archive.catalog';

describe('newsletter archive pages', () => {
  it.each(LANGUAGES)('have every key in %s', (language) => {
    expect(missingKeys(ARCHIVE_CATALOG.en as never, ARCHIVE_CATALOG[language] as never)).toEqual([]);
  });
});
