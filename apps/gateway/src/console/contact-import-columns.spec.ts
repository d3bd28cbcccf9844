import { attributeKeyOf, guessColumns, importColumns, summariseCsv } from './contact-import-columns';

describe('contact import columns', () => {
  it('reads the headings, a preview and the row count as audience will (BOM, trimmed cells, empty lines skipped)', async () => {
    const file = Buffer.from('\uFEFFE-post, Namn ,Kommun\nana@lund.se,Ana,Lund\n\n bo@umea.se ,Bo,Umeå\n"cy@malmo.se","Cy, jr",Malmö\n');
    expect(await summariseCsv(file)).toEqual({
      delimiter: ',',
      headings: ['E-post', 'Namn', 'Kommun'],
      preview: [
        ['ana@lund.se', 'Ana', 'Lund'],
        ['bo@umea.se', 'Bo', 'Umeå'],
        ['cy@malmo.se', 'Cy, jr', 'Malmö'],
      ],
      rows: 3,
    });
  });

  it('reads semicolon- and tab-separated files, found from the heading row, in UTF-8 or Windows-1252', async () => {
    const semicolons = Buffer.from('\uFEFFE-post;Navn;Kommune\r\nkari@hamar.no;"Nordmann; Kari";Hamar\r\nola@elverum.no;Ola, jr;Elverum\r\n');
    expect(await summariseCsv(semicolons)).toEqual({
      delimiter: ';',
      headings: ['E-post', 'Navn', 'Kommune'],
      preview: [
        ['kari@hamar.no', 'Nordmann; Kari', 'Hamar'],
        ['ola@elverum.no', 'Ola, jr', 'Elverum'],
      ],
      rows: 2,
    });
    // "Språk;Namn" and "Åsa Öberg" as Excel in a Swedish locale saves them (Windows-1252).
    const windows1252 = Buffer.from([...'E-post\tSpr\xe5k\tNamn\nasa@lund.se\tsv\t\xc5sa \xd6berg\n'].map((char) => char.charCodeAt(0)));
    expect(await summariseCsv(windows1252)).toMatchObject({ delimiter: '\t', headings: ['E-post', 'Språk', 'Namn'], preview: [['asa@lund.se', 'sv', 'Åsa Öberg']] });
  });

  it('refuses a file that is UTF-8 up to a line and not after it, naming the line', async () => {
    const mixed = Buffer.concat([Buffer.from('email;name\nasa@lund.se;Åsa\n'), Buffer.from([0x62, 0x40, 0x78, 0x3b, 0xc5, 0x0a])]);
    expect(await summariseCsv(mixed)).toEqual({ problem: 'encoding', line: 3 });
  });

  it('keeps five rows for the preview but counts them all', async () => {
    const rows = Array.from({ length: 12 }, (_, index) => `p${index}@x.no`);
    const summary = await summariseCsv(Buffer.from(['email', ...rows].join('\r\n')));
    expect(summary).toMatchObject({ rows: 12, preview: rows.slice(0, 5).map((row) => [row]) });
  });

  it('refuses a file without data rows, with a blank or repeated heading, or that is not text', async () => {
    expect(await summariseCsv(Buffer.from(''))).toEqual({ problem: 'empty' });
    expect(await summariseCsv(Buffer.from('email,name\n'))).toEqual({ problem: 'empty' });
    expect(await summariseCsv(Buffer.from('email,name,email\na@x.no,A,b@x.no\n'))).toEqual({ problem: 'headings', heading: 'email' });
    expect(await summariseCsv(Buffer.from('email,,name\na@x.no,,A\n'))).toEqual({ problem: 'headings', heading: '' });
    expect(await summariseCsv(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x0a, 0x0a, 0x41, 0x0a]))).toEqual({ problem: 'unreadable' });
  });

  it('guesses the fields from headings in the six languages, and makes the rest attributes', () => {
    expect(guessColumns(['E-postadresse', 'Navn', 'Målform', 'Organisasjon', 'Rolle', 'Fylke'])).toEqual([
      { target: 'email', key: '' },
      { target: 'name', key: '' },
      { target: 'language', key: '' },
      { target: 'organisation', key: '' },
      { target: 'role', key: '' },
      { target: 'attribute', key: 'fylke' },
    ]);
    expect(guessColumns(['Sähköposti', 'Nimi', 'Kieli', 'Rooli']).map((choice) => choice.target)).toEqual(['email', 'name', 'language', 'role']);
    expect(guessColumns(['E-mail', 'Sprog', 'Email']).map((choice) => choice.target)).toEqual(['email', 'language', 'attribute']);
    expect(guessColumns(['###']).map((choice) => choice.target)).toEqual(['ignore']);
  });

  it('turns a heading into a valid attribute key', () => {
    expect(attributeKeyOf('Fylke/län')).toBe('fylke-lan');
    expect(attributeKeyOf('Størrelse på kommunen')).toBe('storrelse-pa-kommunen');
    expect(attributeKeyOf('2026 Deltar')).toBe('deltar');
    expect(attributeKeyOf('!!!')).toBe('');
  });

  it('builds the import columns, giving fields nobody chose a heading the file does not have', () => {
    const headings = ['Epost', 'name', 'Fylke', 'role'];
    const result = importColumns(headings, [
      { target: 'email', key: '' },
      { target: 'ignore', key: '' },
      { target: 'attribute', key: 'fylke' },
      { target: 'role', key: '' },
    ]);
    expect(result).toEqual({ columns: { email: 'Epost', name: '(none)', language: '(none)', organisationId: '(none)', role: 'role', attributes: { fylke: 'Fylke' } } });
    expect(importColumns(['(none)', 'mail'], [{ target: 'ignore', key: '' }, { target: 'email', key: '' }])).toMatchObject({ columns: { name: '((none))' } });
  });

  it('names what is wrong with a mapping: no email, a field twice, a bad or repeated attribute key', () => {
    expect(importColumns(['a', 'b'], [{ target: 'name', key: '' }, { target: 'ignore', key: '' }])).toEqual({ problems: [{ column: null, problem: 'email' }] });
    expect(
      importColumns(['a', 'b', 'c', 'd', 'e'], [
        { target: 'email', key: '' },
        { target: 'email', key: '' },
        { target: 'attribute', key: 'Region' },
        { target: 'attribute', key: 'region' },
        { target: 'attribute', key: 'region' },
      ]),
    ).toEqual({
      problems: [
        { column: 1, problem: 'duplicate', target: 'email' },
        { column: 2, problem: 'key', key: 'Region' },
        { column: 4, problem: 'keyTaken', key: 'region' },
      ],
    });
  });
});
