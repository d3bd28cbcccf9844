import i18next, { i18n } from 'i18next';
import { LANGUAGES, Language } from '@hub/contracts';

export type Catalog = { [key: string]: string | Catalog };

/**
 * An i18next instance over one catalogue per language, falling back to English. Values are not escaped here: the
 * renderer escapes once, for the HTML or text it writes into.
 */
export function createTranslator(catalogs: Record<Language, object>): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    showSupportNotice: false,
    resources: Object.fromEntries(LANGUAGES.map((language) => [language, { translation: catalogs[language] }])),
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
  });
  return instance;
}

/** The keys English has that a language lacks; the catalogue tests fail on any. */
export function missingKeys(reference: Catalog, candidate: Catalog, prefix = ''): string[] {
  return Object.entries(reference).flatMap(([key, value]) => {
    const path = `${prefix}${key}`;
    const other = candidate[key];
    if (typeof value === 'string') return typeof other === 'string' && other.trim() !== '' ? [] : [path];
    return typeof other === 'object' ? missingKeys(value, other, `${path}.`) : [path];
  });
}
