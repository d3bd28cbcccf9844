import { parse } from 'csv-parse';
import { attributeKeySchema, CONTACT_ATTRIBUTES_MAX, type CreateContactImport, type CsvDelimiter } from '@hub/contracts';
import { CSV_READ_OPTIONS, CsvEncodingError, decodeCsvFile, detectCsvDelimiter } from '@hub/http';

/** What a column of the file can become; `organisation` is the contact's organisation id. */
export const IMPORT_TARGETS = ['email', 'name', 'language', 'organisation', 'role', 'attribute', 'ignore'] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

/** One column's choice on the mapping page; `key` only matters for an attribute. */
export interface ColumnChoice {
  target: ImportTarget;
  key: string;
}

/** The heading row, the first data rows for the preview, and how many data rows there are. */
export interface CsvSummary {
  /** Found in the heading row, and given to the import, so that audience splits the rows as the preview did. */
  delimiter: CsvDelimiter;
  headings: string[];
  preview: string[][];
  rows: number;
}

export type CsvProblem = { problem: 'unreadable' } | { problem: 'empty' } | { problem: 'headings'; heading: string } | { problem: 'encoding'; line: number };

const PREVIEW_ROWS = 5;

/**
 * Reads the file as audience will (UTF-8 with or without BOM, or Windows-1252; separated by the heading row's comma,
 * semicolon or tab; cells trimmed, empty lines skipped, broken rows skipped), so the headings and the row count
 * shown are the ones the import works with. A file that mixes encodings is refused here, before anything is imported.
 */
export async function summariseCsv(file: Buffer): Promise<CsvSummary | CsvProblem> {
  // NUL never occurs in a text CSV: a spreadsheet or other binary file, whatever it decodes to.
  if (file.includes(0)) return { problem: 'unreadable' };
  let text: string;
  try {
    text = decodeCsvFile(file);
  } catch (error) {
    if (error instanceof CsvEncodingError) return { problem: 'encoding', line: error.line };
    throw error;
  }
  const delimiter = detectCsvDelimiter(text);
  const parser = parse({ ...CSV_READ_OPTIONS, delimiter });
  parser.end(text);
  let headings: string[] | undefined;
  const preview: string[][] = [];
  let rows = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!headings) {
        headings = record;
        continue;
      }
      rows += 1;
      if (preview.length < PREVIEW_ROWS) preview.push(record);
    }
  } catch {
    return { problem: 'unreadable' };
  }
  if (!headings || rows === 0) return { problem: 'empty' };
  // Audience reads rows into objects keyed by heading: a repeated or blank heading would lose a column's cells.
  const seen = new Set<string>();
  for (const heading of headings) {
    if (heading === '' || seen.has(heading)) return { problem: 'headings', heading };
    seen.add(heading);
  }
  return { delimiter, headings, preview, rows };
}

/** Heading words per target in nb, nn, sv, da, fi and en, compared without case, accents, spaces or punctuation. */
const HEADING_GUESSES: Array<[Exclude<ImportTarget, 'attribute' | 'ignore'>, string[]]> = [
  ['email', ['email', 'mail', 'epost', 'emailaddress', 'epostadresse', 'epostadress', 'mailadresse', 'mailadress', 'emailadresse', 'sahkoposti', 'sahkopostiosoite', 'sposti']],
  ['name', ['name', 'fullname', 'navn', 'namn', 'nimi', 'fulltnavn', 'fulltnamn', 'fullstandigtnamn', 'fuldtnavn', 'kokonimi']],
  ['language', ['language', 'lang', 'sprak', 'sprog', 'kieli', 'malform']],
  ['organisation', ['organisation', 'organization', 'organisationid', 'organizationid', 'organisasjon', 'organisasjonid', 'organisaatio', 'organisaatiotunnus', 'org', 'orgid']],
  ['role', ['role', 'rolle', 'roll', 'rolla', 'rooli', 'title', 'tittel', 'titel', 'nimike']],
];

function comparable(heading: string): string {
  return heading
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]/g, '');
}

/** A valid attribute key from a heading ("Fylke/län" → "fylke-lan"); empty when nothing usable is left. */
export function attributeKeyOf(heading: string): string {
  const key = heading
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'o')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return attributeKeySchema.safeParse(key).success ? key : '';
}

/** The first column whose heading names a field becomes that field; the others stay attributes of their own. */
export function guessColumns(headings: string[]): ColumnChoice[] {
  const taken = new Set<ImportTarget>();
  return headings.map((heading) => {
    const word = comparable(heading);
    const match = HEADING_GUESSES.find(([target, words]) => !taken.has(target) && words.includes(word));
    if (match) {
      taken.add(match[0]);
      return { target: match[0], key: '' };
    }
    const key = attributeKeyOf(heading);
    return key ? { target: 'attribute', key } : { target: 'ignore', key: '' };
  });
}

export type MappingProblem =
  | { column: null; problem: 'email' | 'tooManyAttributes' }
  | { column: number; problem: 'duplicate'; target: ImportTarget }
  | { column: number; problem: 'key' | 'keyTaken'; key: string };

const FIELD_OF = { email: 'email', name: 'name', language: 'language', organisation: 'organisationId', role: 'role' } as const;

/**
 * The import's `columns` from the choices, or what is wrong with them. A field no column was chosen for is given a
 * heading the file does not have, so audience finds its cells empty: the API's defaults ("name", "role" …) would
 * otherwise pick up a column of that name that the coordinator chose to ignore.
 */
export function importColumns(headings: string[], choices: ColumnChoice[]): { columns: CreateContactImport['columns'] } | { problems: MappingProblem[] } {
  const problems: MappingProblem[] = [];
  const fields: Partial<Record<keyof typeof FIELD_OF, string>> = {};
  const attributes: Record<string, string> = {};
  choices.forEach((choice, column) => {
    const heading = headings[column];
    if (choice.target === 'ignore') return;
    if (choice.target === 'attribute') {
      if (!attributeKeySchema.safeParse(choice.key).success) problems.push({ column, problem: 'key', key: choice.key });
      else if (attributes[choice.key] !== undefined) problems.push({ column, problem: 'keyTaken', key: choice.key });
      else attributes[choice.key] = heading;
      return;
    }
    if (fields[choice.target] !== undefined) problems.push({ column, problem: 'duplicate', target: choice.target });
    else fields[choice.target] = heading;
  });
  if (fields.email === undefined) problems.unshift({ column: null, problem: 'email' });
  if (Object.keys(attributes).length > CONTACT_ATTRIBUTES_MAX) problems.push({ column: null, problem: 'tooManyAttributes' });
  if (problems.length > 0) return { problems };
  const absent = absentHeading(headings);
  return {
    columns: {
      email: fields.email!,
      name: fields.name ?? absent,
      language: fields.language ?? absent,
      organisationId: fields.organisation ?? absent,
      role: fields.role ?? absent,
      attributes,
    },
  };
}

function absentHeading(headings: string[]): string {
  let candidate = '(none)';
  while (headings.includes(candidate)) candidate = `(${candidate})`;
  return candidate;
}
