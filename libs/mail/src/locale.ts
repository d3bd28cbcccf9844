import type { Language } from '@hub/contracts';

/** BCP 47 locales for Intl formatting of each hub language. */
export const LOCALE_OF: Record<Language, string> = {
  nb: 'nb-NO',
  nn: 'nn-NO',
  sv: 'sv-SE',
  da: 'da-DK',
  fi: 'fi-FI',
  en: 'en-GB',
};

export function formatDate(instant: Date, language: Language, timeZone = 'Europe/Stockholm'): string {
  return new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: 'long', timeZone }).format(instant);
}

/** "A, B and C" in the language's own way. */
export function formatList(items: string[], language: Language): string {
  return new Intl.ListFormat(LOCALE_OF[language], { style: 'long', type: 'conjunction' }).format(items);
}
