import { parse } from 'csv-parse/sync';
import type { ContactImportView, ContactView, MailingListView } from '@hub/contracts';
import { TestRun } from '@hub/testing';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { GatewayClient } from '../../support/gateway-client';
import { AudienceStack, startAudienceStack } from './audience-stack';

jest.setTimeout(120_000);

const [, coordinatorDemo] = DEMO_COORDINATORS;

/** CSV import (streamed, validated, merged, never re-adding the suppressed) and export (safe against formulas). */
describe('audience: CSV import and export through the gateway', () => {
  const run = new TestRun();
  let stack: AudienceStack;
  let coordinator: GatewayClient;
  let list: MailingListView;

  beforeAll(async () => {
    // Small chunks: the progress test sees the import between its twenty chunks, not only before and after.
    stack = await startAudienceStack(run, { delivery: false, audienceEnv: { CONTACT_IMPORT_CHUNK_ROWS: '100' } });
    coordinator = new GatewayClient(stack.gateway.url);
    expect((await coordinator.signIn(coordinatorDemo.email, coordinatorDemo.password)).status).toBe(200);
    list = (await (await coordinator.request('POST', '/api/v1/lists', { names: { nb: 'Rådgiverne' }, optInMode: 'single', defaultLanguage: 'nb' })).json()) as MailingListView;
  });

  afterAll(async () => {
    await stack?.close();
    await run.cleanup();
  });

  const upload = (importId: string, csv: string | Uint8Array) => coordinator.requestText('PUT', `/api/v1/contacts/imports/${importId}/file`, csv, 'text/csv');

  it('requires a consent basis and names the bad fields', async () => {
    const response = await coordinator.request('POST', '/api/v1/contacts/imports', { listIds: [], defaultLanguage: 'xx' });
    expect(response.status).toBe(400);
    const fields = ((await response.json()) as { fields: Array<{ field: string }> }).fields.map((f) => f.field).sort();
    expect(fields).toEqual(['consentBasis', 'defaultLanguage', 'listIds']);
  });

  it('imports with a column mapping: bad rows reported by line, duplicates merged, suppressed never re-added; exports without formulas', async () => {
    const blocked = (await (await coordinator.request('POST', '/api/v1/contacts', { email: run.email('blocked'), language: 'nb' })).json()) as ContactView;
    expect((await coordinator.request('POST', `/api/v1/contacts/${blocked.id}/block`)).status).toBe(200);

    const created = await coordinator.request('POST', '/api/v1/contacts/imports', {
      listIds: [list.id],
      consentBasis: 'Medlemsliste fra rådgiversamlingen 2026',
      columns: { email: 'E-post', name: 'Navn', language: 'Språk' },
      defaultLanguage: 'nb',
    });
    expect(created.status).toBe(201);
    const job = (await created.json()) as ContactImportView;
    expect(job.status).toBe('waiting');

    const csv = [
      'E-post,Navn,Språk',
      `${run.email('kari')},Kari,nb`,
      'not-an-address,Bad,sv',
      `${run.email('kari').toUpperCase()},Kari again,nb`,
      `${blocked.email},Blocked,sv`,
      `${run.email('formula')},"=HYPERLINK(""http://evil.example"")",sv`,
      `${run.email('badlang')},,xx`,
      `${run.email('nolang')},Ola,`,
    ].join('\r\n');
    const response = await upload(job.id, csv);
    expect(response.status).toBe(200);
    const report = (await response.json()) as ContactImportView;
    expect(report).toMatchObject({ status: 'done', rows: 7, created: 3, updated: 0, duplicates: 1, suppressed: 1, rejectedTotal: 2 });
    expect(report.delimiter).toBe(',');
    expect(report.rejected).toEqual([
      { line: 3, problems: ['E-post: must be an email address'], reasons: [{ code: 'email-invalid', column: 'E-post', message: 'E-post: must be an email address' }] },
      { line: 7, problems: ['Språk: must be one of nb, nn, sv, da, fi, en'], reasons: [{ code: 'language-invalid', column: 'Språk', message: 'Språk: must be one of nb, nn, sv, da, fi, en' }] },
    ]);
    expect(await (await coordinator.request('GET', `/api/v1/contacts/imports/${job.id}`)).json()).toMatchObject({ status: 'done', created: 3 });
    const again = await upload(job.id, csv);
    expect(again.status).toBe(409);

    const exported = await coordinator.request('GET', `/api/v1/contacts/export.csv?listId=${list.id}`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parse(await exported.text(), { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row.email).sort()).toEqual([run.email('formula'), run.email('kari'), run.email('nolang')].sort());
    expect(rows.find((row) => row.email === run.email('formula'))!.name).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(rows.find((row) => row.email === run.email('nolang'))).toMatchObject({ language: 'nb', subscriptions: `${list.id}:confirmed` });
    expect(rows.map((row) => row.email)).not.toContain(blocked.email);
  });

  it('reads a semicolon file saved by a Nordic Excel (Windows-1252), finding the separator; or takes the one given', async () => {
    const create = (extra: Record<string, unknown> = {}) =>
      coordinator.request('POST', '/api/v1/contacts/imports', { listIds: [list.id], consentBasis: 'Deltakerliste 2026', columns: { email: 'E-post', name: 'Navn', language: 'Målform' }, defaultLanguage: 'nn', ...extra });
    const bad = await create({ delimiter: '|' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: Array<{ field: string }> }).fields.map((f) => f.field)).toEqual(['delimiter']);

    const detected = (await (await create()).json()) as ContactImportView;
    expect(detected.delimiter).toBeNull();
    const text = ['E-post;Navn;Målform', `${run.email('aase')};Åse Ødegård;nn`, `${run.email('bjorn')};"Bjørn; jr";`, 'ikkje-ei-adresse;Per;nb', `${run.email('ola')};Ola;no`].join('\r\n');
    const windows1252 = Buffer.from([...text].map((char) => ({ å: 0xe5, Å: 0xc5, ø: 0xf8, Ø: 0xd8 })[char] ?? char.charCodeAt(0)));
    const report = (await (await upload(detected.id, windows1252)).json()) as ContactImportView;
    expect(report).toMatchObject({ status: 'done', delimiter: ';', rows: 4, created: 2, rejectedTotal: 2 });
    expect(report.rejected.map((row) => [row.line, row.reasons.map((reason) => [reason.code, reason.column])])).toEqual([
      [4, [['email-invalid', 'E-post']]],
      [5, [['language-invalid', 'Målform']]],
    ]);
    const contacts = ((await (await coordinator.request('GET', `/api/v1/contacts?listId=${list.id}&q=${encodeURIComponent(run.email('aase'))}`)).json()) as { items: ContactView[] }).items;
    expect(contacts.map((contact) => [contact.email, contact.name, contact.language])).toEqual([[run.email('aase'), 'Åse Ødegård', 'nn']]);

    // A separator given wins over the heading row's: this tab file has semicolons in its headings.
    const given = (await (await create({ columns: { email: 'E-post;adresse', name: 'Navn' }, delimiter: '\t' })).json()) as ContactImportView;
    const tabs = await upload(given.id, `\uFEFFE-post;adresse\tNavn\n${run.email('tab')}\tTove;Tab\n`);
    expect(await tabs.json()).toMatchObject({ status: 'done', delimiter: '\t', created: 1, rejectedTotal: 0 });
  });

  it('shows the progress of an import while it runs', async () => {
    const job = (await (await coordinator.request('POST', '/api/v1/contacts/imports', { listIds: [list.id], consentBasis: 'progress test', defaultLanguage: 'nb' })).json()) as ContactImportView;
    const rows = Array.from({ length: 2_000 }, (_, i) => `${run.email(`bulk${i}`)},Person ${i},nb`);
    const uploading = upload(job.id, ['email,name,language', ...rows].join('\n'));
    const seen: ContactImportView[] = [];
    for (let done = false; !done; ) {
      const view = (await (await coordinator.request('GET', `/api/v1/contacts/imports/${job.id}`)).json()) as ContactImportView;
      seen.push(view);
      done = view.status === 'done' || view.status === 'failed';
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await (await uploading).json()).toMatchObject({ status: 'done', rows: 2_000, created: 2_000 });
    expect(seen.some((view) => view.status === 'running' && view.rows > 0 && view.rows < 2_000)).toBe(true);
  });
});
