import type { Language } from '@hub/contracts';

/** The words of the public newsletter archive, per language. A test fails when a language lacks a key English has. */
export const ARCHIVE_CATALOG: Record<Language, object> = {
  nb: { archive: { title: 'Nyhetsbrev fra {{network}}', empty: 'Ingen nyhetsbrev er sendt ennå.', feed: 'Følg arkivet med en nyhetsleser (Atom)', sent: 'Sendt {{date}}' } },
  nn: { archive: { title: 'Nyheitsbrev frå {{network}}', empty: 'Ingen nyheitsbrev er sende enno.', feed: 'Følg arkivet med ein nyheitslesar (Atom)', sent: 'Sendt {{date}}' } },
  sv: { archive: { title: 'Nyhetsbrev från {{network}}', empty: 'Inga nyhetsbrev har skickats ännu.', feed: 'Följ arkivet i en flödesläsare (Atom)', sent: 'Skickat {{date}}' } },
  da: { archive: { title: 'Nyhedsbreve fra {{network}}', empty: 'Der er ikke sendt nogen nyhedsbreve endnu.', feed: 'Følg arkivet i en feedlæser (Atom)', sent: 'Sendt {{date}}' } },
  fi: { archive: { title: 'Uutiskirjeet: {{network}}', empty: 'Uutiskirjeitä ei ole vielä lähetetty.', feed: 'Seuraa arkistoa syötteenlukijalla (Atom)', sent: 'Lähetetty {{date}}' } },
  en: { archive: { title: 'Newsletters from {{network}}', empty: 'No newsletters have been sent yet.', feed: 'Follow the archive in a feed reader (Atom)', sent: 'Sent {{date}}' } },
};
