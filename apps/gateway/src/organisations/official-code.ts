import type { Country, OrganisationKind } from './organisation.schema';

/**
 * How many digits the official code of each kind of organisation has in each country: Norwegian kommunenummer and
 * fylkesnummer, Swedish kommunkod and länskod (a region has its county's code), Danish kommunekode and regionskode,
 * Finnish kuntanumero and maakuntanumero. Where a country has no such register (Danish counties, other bodies), an
 * organisation has no official code.
 */
const CODE_DIGITS: Record<OrganisationKind, Partial<Record<Country, number>>> = {
  municipality: { NO: 4, SE: 4, DK: 3, FI: 3 },
  county: { NO: 2, SE: 2 },
  region: { SE: 2, DK: 4, FI: 2 },
  other: {},
};

const ADJECTIVE: Record<Country, string> = { NO: 'Norwegian', SE: 'Swedish', DK: 'Danish', FI: 'Finnish' };
const NOUN: Record<OrganisationKind, string> = { municipality: 'municipality', county: 'county', region: 'region', other: 'other organisation' };

/** Why the code cannot be this organisation's, or null when it can. */
export function officialCodeProblem(country: Country, kind: OrganisationKind, code: string): string | null {
  const digits = CODE_DIGITS[kind][country];
  if (digits === undefined) return `a ${ADJECTIVE[country]} ${NOUN[kind]} has no official code; leave it out`;
  if (!new RegExp(`^\\d{${digits}}$`).test(code)) return `a ${ADJECTIVE[country]} ${NOUN[kind]} code has ${digits} digits`;
  return null;
}

/**
 * The value of the unique index on official codes. MongoDB would take a partial index on the code alone, but
 * FerretDB ignores partialFilterExpression and sparse, so an organisation without a code gets a key of its own id,
 * which collides with nothing.
 */
export function codeKeyOf(organisation: { _id: string; country: Country; kind: OrganisationKind; officialCode: string | null }): string {
  const { _id, country, kind, officialCode } = organisation;
  return officialCode === null ? `id:${_id}` : `code:${country}:${kind}:${officialCode}`;
}
