import { pipeline, Readable, Transform } from 'node:stream';
import { CSV_DELIMITERS, type CsvDelimiter } from '@hub/contracts';

/**
 * What the console and audience both give csv-parse, so that the console's preview shows the rows the import reads:
 * cells trimmed, empty lines skipped, rows of another length kept, broken rows skipped (and reported by audience).
 */
export const CSV_READ_OPTIONS = { trim: true, skip_empty_lines: true, relax_column_count: true, skip_records_with_error: true } as const;

/** Where the heading row ends (its first line break outside quotes), or -1 when the text does not reach it yet. */
export function headingRowEnd(text: string): number {
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    // A doubled quote inside quotes toggles twice, so it needs no case of its own.
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) return index;
  }
  return -1;
}

/**
 * The separator of the heading row: whichever of `,` `;` and tab occurs most often outside quotes (as listmonk's and
 * Mailchimp's importers guess it). Headings rarely hold a separator of another kind, and a one-column file has
 * none, so it stays a comma; a tie goes to the comma, then the semicolon.
 */
export function detectCsvDelimiter(text: string): CsvDelimiter {
  const end = headingRowEnd(text);
  const heading = end === -1 ? text : text.slice(0, end);
  const counts = new Map<CsvDelimiter, number>(CSV_DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const char of heading) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char as CsvDelimiter)) counts.set(char as CsvDelimiter, counts.get(char as CsvDelimiter)! + 1);
  }
  let best: CsvDelimiter = ',';
  for (const delimiter of CSV_DELIMITERS) if (counts.get(delimiter)! > counts.get(best)!) best = delimiter;
  return best;
}

/** A file that is UTF-8 (with non-ASCII text) up to a line and not UTF-8 after it: no one encoding reads it whole. */
export class CsvEncodingError extends Error {
  constructor(readonly line: number) {
    super(`the file is UTF-8 up to line ${line} and not after it; save it again as UTF-8`);
  }
}

const BOM = [0xef, 0xbb, 0xbf];

/**
 * How many bytes from the start are whole, valid UTF-8 characters; `invalid` when the byte after them can never be
 * UTF-8 (as opposed to a character cut off by the end of the bytes, which the next chunk may complete).
 */
function utf8Prefix(bytes: Uint8Array): { end: number; invalid: boolean } {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index];
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    const following = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    if (following === 0) return { end: index, invalid: true };
    for (let offset = 1; offset <= following; offset++) {
      if (index + offset >= bytes.length) return { end: index, invalid: false };
      const byte = bytes[index + offset];
      // The second byte's narrower ranges rule out overlong forms, surrogates and code points above U+10FFFF.
      const low = offset > 1 ? 0x80 : lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
      const high = offset > 1 ? 0xbf : lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
      if (byte < low || byte > high) return { end: index, invalid: true };
    }
    index += following + 1;
  }
  return { end: index, invalid: false };
}

function hasNonAscii(bytes: Uint8Array): boolean {
  return bytes.some((byte) => byte >= 0x80);
}

function countLines(text: string): number {
  let lines = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lines += 1;
  return lines;
}

/**
 * A CSV file's bytes as text, chunk by chunk: UTF-8 (a BOM is dropped), or Windows-1252 as Excel saves "CSV" in
 * Nordic locales. The encoding is decided at the first byte that is not UTF-8: if everything before it was ASCII,
 * which reads the same in both, the rest is Windows-1252; after UTF-8 text (or a BOM, which declares UTF-8) the file
 * is refused with CsvEncodingError rather than read with replacement characters in people's names.
 */
export class CsvTextDecoder {
  private encoding: 'unknown' | 'utf-8' | 'windows-1252' = 'unknown';
  private pending: Buffer = Buffer.alloc(0);
  /** Once true, a byte that is not UTF-8 is an error instead of the sign of Windows-1252. */
  private utf8Seen = false;
  private lines = 0;
  private readonly windows1252 = new TextDecoder('windows-1252');

  write(chunk: Uint8Array): string {
    return this.decode(this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk), false);
  }

  end(): string {
    return this.decode(this.pending, true);
  }

  private decode(bytes: Buffer, final: boolean): string {
    this.pending = Buffer.alloc(0);
    if (this.encoding === 'windows-1252') return this.windows1252.decode(bytes);
    if (this.encoding === 'unknown') {
      if (!final && bytes.length < BOM.length) {
        this.pending = bytes;
        return '';
      }
      this.encoding = 'utf-8';
      if (BOM.every((byte, index) => bytes[index] === byte)) {
        bytes = bytes.subarray(BOM.length);
        this.utf8Seen = true;
      }
    }
    const { end, invalid } = utf8Prefix(bytes);
    const valid = bytes.subarray(0, end);
    this.utf8Seen ||= hasNonAscii(valid);
    // A character still cut off at the end of the file is as much "not UTF-8" as an invalid byte.
    if (invalid || (final && end < bytes.length)) {
      if (this.utf8Seen) throw new CsvEncodingError(this.lines + countLines(valid.toString('utf8')) + 1);
      this.encoding = 'windows-1252';
      return this.windows1252.decode(bytes);
    }
    this.pending = Buffer.from(bytes.subarray(end));
    const text = valid.toString('utf8');
    this.lines += countLines(text);
    return text;
  }
}

/** The whole file as text (see CsvTextDecoder). */
export function decodeCsvFile(file: Uint8Array): string {
  const decoder = new CsvTextDecoder();
  return decoder.write(file) + decoder.end();
}

/** CsvTextDecoder as a stream: bytes in, strings out (an object-mode side, so csv-parse gets the strings). */
export function csvTextStream(): Transform {
  const decoder = new CsvTextDecoder();
  const push = (stream: Transform, text: string) => {
    if (text) stream.push(text);
  };
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      try {
        push(this, decoder.write(chunk));
        done();
      } catch (error) {
        done(error as Error);
      }
    },
    flush(done) {
      try {
        push(this, decoder.end());
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

/** How much text is read ahead for the heading row; a heading row longer than this is judged by its start. */
const HEADING_READ_LIMIT = 64 * 1024;

/**
 * A streamed file as text with its separator: the one given, else the heading row's, read ahead and then handed on
 * with the rest. An encoding error (CsvEncodingError) or a failing source rejects this call or, once it has
 * answered, whatever reads `text`.
 */
export async function openCsvText(file: Readable, delimiter?: CsvDelimiter): Promise<{ delimiter: CsvDelimiter; text: Readable }> {
  // The errors reach the reader of the stream; this callback only keeps pipeline from throwing them twice.
  const decoded = pipeline(file, csvTextStream(), () => undefined);
  if (delimiter) return { delimiter, text: decoded };
  const chunks = decoded[Symbol.asyncIterator]() as AsyncIterator<string>;
  let head = '';
  let ended = false;
  while (!ended && headingRowEnd(head) === -1 && head.length < HEADING_READ_LIMIT) {
    const next = await chunks.next();
    if (next.done) ended = true;
    else head += next.value;
  }
  async function* headThenRest(): AsyncGenerator<string> {
    if (head) yield head;
    if (ended) return;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  }
  return { delimiter: detectCsvDelimiter(head), text: Readable.from(headThenRest(), { objectMode: true }) };
}
