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

/** Building an Intl formatter costs far more than formatting with one: each is built once per language and zone. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const spanFormats = new Map<string, Intl.DateTimeFormat>();
const listFormats = new Map<Language, Intl.ListFormat>();

export function formatDate(instant: Date, language: Language, timeZone = 'Europe/Stockholm'): string {
  const key = `${language} ${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: 'long', timeZone })));
  return format.format(instant);
}

/** "24. november 2026 kl. 10:00–12:00": a span with its times, in the given zone. */
export function formatTimeSpan(start: Date, end: Date, language: Language, timeZone: string): string {
  const key = `${language} ${timeZone}`;
  let format = spanFormats.get(key);
  if (!format) spanFormats.set(key, (format = new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: 'long', timeStyle: 'short', timeZone })));
  return format.formatRange(start, end);
}

/** "A, B and C" in the language's own way. */
export function formatList(items: string[], language: Language): string {
  let format = listFormats.get(language);
  if (!format) listFormats.set(language, (format = new Intl.ListFormat(LOCALE_OF[language], { style: 'long', type: 'conjunction' })));
  return format.format(items);
}
