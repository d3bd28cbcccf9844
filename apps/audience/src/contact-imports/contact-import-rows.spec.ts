import { validateRow } from './contact-import-rows';

const job = {
  defaultLanguage: 'nb' as const,
  columns: { email: 'E-post', name: 'Navn', language: 'Språk', organisationId: 'Org', role: 'Rolle', attributes: { fylke: 'Fylke' } },
};

describe('validateRow', () => {
  it('turns a good row into the contact to write, with the default language for an empty cell', () => {
    expect(validateRow(job, { 'E-post': 'Kari@Example.no', Navn: 'Kari', Språk: '', Org: 'hamar', Rolle: 'rådgiver', Fylke: 'Innlandet' }, 2)).toEqual({
      line: 2,
      email: 'kari@example.no',
      name: 'Kari',
      language: 'nb',
      organisationId: 'hamar',
      role: 'rådgiver',
      attributes: { fylke: 'Innlandet' },
    });
  });

  it('gives each problem a stable code, the column and the English message the API had before the codes', () => {
    const row = validateRow(job, { 'E-post': 'ikke-en-adresse', Navn: 'x'.repeat(201), Språk: 'de', Org: 'ugyldig org!', Rolle: 'r'.repeat(201), Fylke: 'f'.repeat(501) }, 7);
    expect(row).toEqual({
      problems: [
        { code: 'email-invalid', column: 'E-post', message: 'E-post: must be an email address' },
        { code: 'language-invalid', column: 'Språk', message: 'Språk: must be one of nb, nn, sv, da, fi, en' },
        { code: 'name-too-long', column: 'Navn', message: 'Navn: must be at most 200 characters' },
        { code: 'organisation-invalid', column: 'Org', message: 'Org: must be an organisation id' },
        { code: 'role-too-long', column: 'Rolle', message: 'Rolle: must be at most 200 characters' },
        { code: 'attribute-too-long', column: 'Fylke', message: 'Fylke: must be at most 500 characters' },
      ],
    });
  });

  it('reads the fields an import from before contact profiles did not map under their own names', () => {
    const old = { defaultLanguage: 'sv' as const, columns: { email: 'email', name: 'name', language: 'language' } as never };
    expect(validateRow(old, { email: 'a@b.se', organisationId: 'bad id' }, 3)).toEqual({ problems: [{ code: 'organisation-invalid', column: 'organisationId', message: 'organisationId: must be an organisation id' }] });
  });
});
