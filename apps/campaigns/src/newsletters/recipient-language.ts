import type { Language } from '@hub/contracts';

/**
 * The language a subscriber reads the newsletter in: their own if the newsletter was written in it, else the first
 * of the network's languages (its fallback order) that it was written in, else the first it was written in.
 */
export function recipientLanguage(preferred: Language, written: readonly Language[], networkOrder: readonly Language[]): Language {
  if (written.includes(preferred)) return preferred;
  return networkOrder.find((language) => written.includes(language)) ?? written[0];
}
