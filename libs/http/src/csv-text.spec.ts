import { Readable } from 'node:stream';
import { CsvEncodingError, CsvTextDecoder, decodeCsvFile, detectCsvDelimiter, openCsvText } from './csv-text';

const windows1252 = (text: string) => Buffer.from([...text].map((char) => ({ ø: 0xf8, å: 0xe5, æ: 0xe6, ä: 0xe4, Ø: 0xd8 })[char] ?? char.charCodeAt(0)));

async function readAll(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk;
  return text;
}

describe('detectCsvDelimiter', () => {
  it.each([
    ['comma', 'email,name,language\r\na@b.no,A,nb', ','],
    ['semicolon (Excel in nb, sv, da, fi)', 'E-post;Navn;Språk\r\na@b.no;A, B;nb', ';'],
    ['tab', 'email\tname\na@b.no\tA', '\t'],
    ['semicolons quoted inside comma headings', '"Navn; fullt",email,"a;b;c"\nx,y,z', ','],
    ['a comma inside quoted semicolon headings', '"Etternavn, fornavn";E-post\nx;y', ';'],
    ['a quoted line break in the heading row', '"E-post\nadresse";Navn\nx,y,z,w', ';'],
    ['one column', 'email\na@b.no', ','],
    ['no line break at all', 'email;name', ';'],
    ['a tie (comma first)', 'a,b;c\n', ','],
  ])('finds the %s separator from the heading row only', (_case, text, expected) => {
    expect(detectCsvDelimiter(text)).toBe(expected);
  });
});

describe('CsvTextDecoder', () => {
  it('reads UTF-8 and drops a BOM', () => {
    expect(decodeCsvFile(Buffer.from('\uFEFFE-post;Navn\nå@b.no;Åse', 'utf8'))).toBe('E-post;Navn\nå@b.no;Åse');
  });

  it('reads Windows-1252 as Excel saves CSV in Nordic locales', () => {
    expect(decodeCsvFile(windows1252('E-post;Navn\nkari@b.no;Kari Ødegård'))).toBe('E-post;Navn\nkari@b.no;Kari Ødegård');
  });

  it('keeps a character cut between two chunks, and a BOM cut after its first byte', () => {
    const bytes = Buffer.from('\uFEFFnavn\nBjørn Ærø', 'utf8');
    const decoder = new CsvTextDecoder();
    let text = '';
    for (let index = 0; index < bytes.length; index++) text += decoder.write(bytes.subarray(index, index + 1));
    expect(text + decoder.end()).toBe('navn\nBjørn Ærø');
  });

  it('turns to Windows-1252 at the first byte that is not UTF-8 when all before it was ASCII, even chunks later', () => {
    const decoder = new CsvTextDecoder();
    const text = decoder.write(Buffer.from('email;name\nola@b.no;Ola\n')) + decoder.write(windows1252('per@b.no;Pål')) + decoder.end();
    expect(text).toBe('email;name\nola@b.no;Ola\nper@b.no;Pål');
  });

  it('reads a file ending in a lone Windows-1252 byte that looks like the start of a UTF-8 character', () => {
    expect(decodeCsvFile(Buffer.from([0x61, 0x3b, 0xe5]))).toBe('a;å');
  });

  it('refuses a file that is UTF-8 text and then not, naming the line', () => {
    const mixed = Buffer.concat([Buffer.from('email;name\nåse@b.no;Åse\n', 'utf8'), windows1252('pål@b.no;Pål\n')]);
    expect(() => decodeCsvFile(mixed)).toThrow(CsvEncodingError);
    expect(() => decodeCsvFile(mixed)).toThrow('up to line 3');
  });

  it('refuses bytes that are not UTF-8 after a BOM, which declares UTF-8', () => {
    expect(() => decodeCsvFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), windows1252('navn\nPål')]))).toThrow(CsvEncodingError);
  });
});

describe('openCsvText', () => {
  it('detects the separator across chunks and hands on the whole text', async () => {
    const file = Readable.from([Buffer.from('\uFEFFE-po'), Buffer.from('st;Na'), Buffer.from('vn\r\nkari@b.no;Kari\r\n')]);
    const { delimiter, text } = await openCsvText(file);
    expect(delimiter).toBe(';');
    expect(await readAll(text)).toBe('E-post;Navn\r\nkari@b.no;Kari\r\n');
  });

  it('keeps the separator it is given', async () => {
    const { delimiter, text } = await openCsvText(Readable.from([Buffer.from('a;b,c\n')]), '\t');
    expect(delimiter).toBe('\t');
    expect(await readAll(text)).toBe('a;b,c\n');
  });

  it('reports an encoding error, while the heading row is read or later', async () => {
    const file = Readable.from([Buffer.from('navn;e-post\nÅse;a@b.no\n', 'utf8'), windows1252('Pål;p@b.no\n')]);
    await expect(openCsvText(file).then(({ text }) => readAll(text))).rejects.toThrow(CsvEncodingError);
  });
});
