import { parse } from 'csv-parse/sync';
import type { ContactExport, ContactImportView, ContactPage, ContactView, MailingListView } from '@hub/contracts';
import { TestRun } from '@hub/testing';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { GatewayClient } from '../../support/gateway-client';
import { AudienceStack, startAudienceStack } from './audience-stack';

jest.setTimeout(120_000);

const [, coordinatorDemo] = DEMO_COORDINATORS;

/** Organisation, role and free attributes of contacts: edited, imported, filtered and exported through the gateway. */
describe('audience: contact organisation, role and attributes', () => {
  const run = new TestRun();
  let stack: AudienceStack;
  let coordinator: GatewayClient;
  let list: MailingListView;
  // Ids of this run only, so that filters see no other run's contacts.
  const innlandet = `org-${run.id}-innlandet`;
  const viken = `org-${run.id}-viken`;

  beforeAll(async () => {
    stack = await startAudienceStack(run, { delivery: false });
    coordinator = new GatewayClient(stack.gateway.url);
    expect((await coordinator.signIn(coordinatorDemo.email, coordinatorDemo.password)).status).toBe(200);
    list = (await (await coordinator.request('POST', '/api/v1/lists', { names: { nb: 'Profiler' }, optInMode: 'single', defaultLanguage: 'nb' })).json()) as MailingListView;
  });

  afterAll(async () => {
    await stack?.close();
    await run.cleanup();
  });

  const fieldsOf = async (response: Response) => ((await response.json()) as { fields: Array<{ field: string }> }).fields.map((f) => f.field).sort();
  const emailsOf = async (query: string) => {
    const page = (await (await coordinator.request('GET', `/api/v1/contacts?${query}`)).json()) as ContactPage;
    return page.items.map((contact) => contact.email).sort();
  };

  it('a coordinator sets organisation, role and attributes, edits them (attributes merged, null removes), within the limits', async () => {
    const created = await coordinator.request('POST', '/api/v1/contacts', {
      email: run.email('adviser'),
      language: 'nb',
      organisationId: innlandet,
      role: 'Climate adviser',
      attributes: { region: 'innlandet', sector: 'energy' },
    });
    expect(created.status).toBe(201);
    const contact = (await created.json()) as ContactView;
    expect(contact).toMatchObject({ organisationId: innlandet, role: 'Climate adviser', attributes: { region: 'innlandet', sector: 'energy' } });

    const edited = await coordinator.request('PATCH', `/api/v1/contacts/${contact.id}`, { role: 'Energy adviser', attributes: { sector: null, since: '2024' } });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ organisationId: innlandet, role: 'Energy adviser', attributes: { region: 'innlandet', since: '2024' } });
    const cleared = (await (await coordinator.request('PATCH', `/api/v1/contacts/${contact.id}`, { organisationId: null, role: null })).json()) as ContactView;
    expect(cleared).toMatchObject({ organisationId: null, role: null });
    expect(Object.keys(cleared.attributes).sort()).toEqual(['region', 'since']);

    const bad = await coordinator.request('PATCH', `/api/v1/contacts/${contact.id}`, { organisationId: 'not an id', attributes: { 'Bad.Key': 'x', ok: 'y'.repeat(501) } });
    expect(bad.status).toBe(400);
    expect(await fieldsOf(bad)).toEqual(['attributes.Bad.Key', 'attributes.ok', 'organisationId']);
    const many = Object.fromEntries(Array.from({ length: 19 }, (_, i) => [`k${i}`, 'v']));
    const tooMany = await coordinator.request('PATCH', `/api/v1/contacts/${contact.id}`, { attributes: many });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ error: 'too_many_attributes', message: expect.stringMatching(/^attributes: /) });
    expect(((await (await coordinator.request('GET', `/api/v1/contacts/${contact.id}`)).json()) as ContactView).attributes).toEqual({ region: 'innlandet', since: '2024' });
  });

  it('imports organisation, role and attributes through a column mapping, merges them into known contacts, and filters and exports by them', async () => {
    const known = (await (await coordinator.request('POST', '/api/v1/contacts', { email: run.email('known'), language: 'nb', attributes: { kept: 'yes' } })).json()) as ContactView;
    const job = (await (
      await coordinator.request('POST', '/api/v1/contacts/imports', {
        listIds: [list.id],
        consentBasis: 'Rådgiverlisten 2026',
        columns: { email: 'E-post', organisationId: 'Kommune', role: 'Rolle', attributes: { region: 'Fylke', sector: 'Sektor' } },
        defaultLanguage: 'nb',
      })
    ).json()) as ContactImportView;
    const csv = [
      'E-post,Kommune,Rolle,Fylke,Sektor',
      `${run.email('kari')},${innlandet},Climate adviser,innlandet,energy`,
      `${run.email('ola')},${viken},climate ADVISER,viken,`,
      `${run.email('per')},${innlandet},Mayor,innlandet,transport`,
      `${run.email('bad')},not an id,Adviser,innlandet,energy`,
      `${known.email},${viken},"=cmd|' /C calc'!A0",viken,energy`,
    ].join('\n');
    const report = (await (await coordinator.requestText('PUT', `/api/v1/contacts/imports/${job.id}/file`, csv, 'text/csv')).json()) as ContactImportView;
    expect(report).toMatchObject({ status: 'done', rows: 5, created: 3, updated: 1, rejectedTotal: 1 });
    expect(report.rejected).toEqual([
      { line: 5, problems: ['Kommune: must be an organisation id'], reasons: [{ code: 'organisation-invalid', column: 'Kommune', message: 'Kommune: must be an organisation id' }] },
    ]);

    expect(await emailsOf(`organisationId=${innlandet}`)).toEqual([run.email('kari'), run.email('per')].sort());
    expect(await emailsOf(`organisationId=${viken}&role=${encodeURIComponent('Climate Adviser')}`)).toEqual([run.email('ola')]);
    expect(await emailsOf(`listId=${list.id}&attribute=region:viken`)).toEqual([known.email, run.email('ola')].sort());
    expect(await emailsOf(`listId=${list.id}&attribute=region:innlandet&attribute=sector:energy`)).toEqual([run.email('kari')]);
    const badFilter = await coordinator.request('GET', '/api/v1/contacts?attribute=region&role=');
    expect(badFilter.status).toBe(400);
    expect(await fieldsOf(badFilter)).toEqual(['attribute', 'role']);

    const merged = (await (await coordinator.request('GET', `/api/v1/contacts/${known.id}`)).json()) as ContactView;
    expect(merged).toMatchObject({ organisationId: viken, role: "=cmd|' /C calc'!A0", attributes: { kept: 'yes', region: 'viken', sector: 'energy' } });

    const gdpr = (await (await coordinator.request('GET', `/api/v1/contacts/${known.id}/export`)).json()) as ContactExport;
    expect(gdpr.contact).toMatchObject({ organisationId: viken, role: merged.role, attributes: merged.attributes });

    const exported = await coordinator.request('GET', `/api/v1/contacts/export.csv?attribute=region:viken&listId=${list.id}`);
    const rows = parse(await exported.text(), { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row.email).sort()).toEqual([known.email, run.email('ola')].sort());
    const knownRow = rows.find((row) => row.email === known.email)!;
    expect(knownRow).toMatchObject({ organisationId: viken, role: "'=cmd|' /C calc'!A0" });
    expect(JSON.parse(knownRow.attributes)).toEqual({ kept: 'yes', region: 'viken', sector: 'energy' });
    expect(rows.find((row) => row.email === run.email('ola'))).toMatchObject({ role: 'climate ADVISER', attributes: '{"region":"viken"}' });
  });
});
