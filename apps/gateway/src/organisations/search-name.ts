/**
 * Names as searches compare them: without case, accents or punctuation, and with the Nordic letters folded the way
 * people type them on a keyboard that lacks them. Both å and its old spelling aa (Aarhus, Århus), both ø, ö and oe
 * (Malmø, Malmö, Malmoe), both æ, ä and ae fold to one letter, so "kobenhavn", "koebenhavn" and "København" meet.
 * The result holds only letters, digits and single spaces.
 */
export function searchNameOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[æ]/g, 'a')
    .replace(/[øœ]/g, 'o')
    .replace(/đ/g, 'd')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/aa|ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Words people add to a name that the stored names leave out: "Lund kommun", "Malmö stad", "Greve Kommune". */
const GENERIC_WORDS = new Set(['kommune', 'kommun', 'stad', 'kunta', 'kaupunki', 'municipality']);

/** The words of a name query that a name must have, each as the start of one of its words. */
export function searchWordsOf(query: string): string[] {
  const words = searchNameOf(query).split(' ').filter(Boolean);
  const specific = words.filter((word) => !GENERIC_WORDS.has(word));
  return specific.length > 0 ? specific : words;
}

/** A query of digits only is an official code (3401, 1280, 101), not a name. */
export function isOfficialCodeQuery(query: string): boolean {
  return /^\d+$/.test(query.trim());
}

/**
 * The pattern a search name must match for one query word: the word starts one of the name's words, so "lund"
 * finds Lund but not Albertslund. Search words hold only letters and digits, so they need no escaping.
 */
export function wordStartPattern(word: string): string {
  return `(^| )${word}`;
}

/** Sort order of matches: the name itself first, then names that begin with the query, then the rest. */
export function matchRank(searchName: string, words: string[]): number {
  const query = words.join(' ');
  if (searchName === query) return 0;
  if (searchName.startsWith(query)) return 1;
  return 2;
}
