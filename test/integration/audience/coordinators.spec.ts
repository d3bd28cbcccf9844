import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import type { ContactPage, ContactView, MailingListView } from '@hub/contracts';
import { DEMO_MAILING_LISTS, DEMO_NETWORKS } from '@hub/demo-data';
import { EventFactory, EventPublisher } from '@hub/messaging';
import { TestRun, waitFor } from '@hub/testing';
import { GatewayClient } from '../../support/gateway-client';
import { AudienceStack, startAudienceStack } from './audience-stack';

jest.setTimeout(120_000);

const network = DEMO_NETWORKS.find((n) => n.slug === 'klimatkommunerna')!;
const publicList = DEMO_MAILING_LISTS.find((l) => l.networkId === network.id)!;
const [owner, coordinatorDemo, viewerDemo] = DEMO_COORDINATORS;

/** Coordinators' lists and contacts through the gateway, with audience in this process. */
describe('audience: coordinator functions through the gateway', () => {
  const run = new TestRun();
  let stack: AudienceStack;
  const as = {} as Record<'coordinator' | 'viewer' | 'owner', GatewayClient>;

  beforeAll(async () => {
    stack = await startAudienceStack(run, { delivery: false });
    for (const [role, demo] of [['owner', owner], ['coordinator', coordinatorDemo], ['viewer', viewerDemo]] as const) {
      as[role] = new GatewayClient(stack.gateway.url);
      expect((await as[role].signIn(demo.email, demo.password)).status).toBe(200);
    }
  });

  afterAll(async () => {
    await stack?.close();
    await run.cleanup();
  });

  const fieldsOf = async (response: Response) => {
    expect(response.status).toBe(400);
    return [...new Set(((await response.json()) as { fields: Array<{ field: string }> }).fields.map((f) => f.field))].sort();
  };

  it('answers bad list and contact bodies and filters with 400 naming the fields', async () => {
    expect(await fieldsOf(await as.coordinator.request('POST', '/api/v1/lists', { names: {}, optInMode: 'triple' }))).toEqual(['defaultLanguage', 'names', 'optInMode']);
    expect(await fieldsOf(await as.coordinator.request('POST', '/api/v1/lists', { names: { xx: 'Nope' }, defaultLanguage: 'sv' }))).toEqual(['names']);
    expect(await fieldsOf(await as.coordinator.request('POST', '/api/v1/contacts', { email: 'not-an-address', language: 'de', listIds: ['bad id'] }))).toEqual([
      'email',
      'language',
      'listIds.0',
    ]);
    expect(await fieldsOf(await as.viewer.request('GET', '/api/v1/contacts?status=confirmed&limit=0'))).toEqual(['limit', 'status']);
  });

  it('creates, edits and archives a list; an archived list leaves the public page', async () => {
    const created = await as.coordinator.request('POST', '/api/v1/lists', {
      names: { sv: 'Rådgivare', en: 'Advisers' },
      descriptions: { sv: 'För energi- och klimatrådgivare' },
      isPublic: true,
      defaultLanguage: 'sv',
    });
    expect(created.status).toBe(201);
    const list = (await created.json()) as MailingListView;
    expect(list).toMatchObject({ optInMode: 'double', isPublic: true, archived: false });

    const edited = await as.coordinator.request('PATCH', `/api/v1/lists/${list.id}`, { optInMode: 'single', names: { sv: 'Rådgivarna' } });
    expect(await edited.json()).toMatchObject({ optInMode: 'single', names: { sv: 'Rådgivarna' }, descriptions: { sv: 'För energi- och klimatrådgivare' } });
    expect(((await (await as.viewer.request('GET', '/api/v1/lists')).json()) as MailingListView[]).map((l) => l.id)).toContain(list.id);
    expect(await (await fetch(`${stack.gateway.url}/networks/${network.slug}`)).text()).toContain(list.id);

    expect(await (await as.coordinator.request('POST', `/api/v1/lists/${list.id}/archive`)).json()).toMatchObject({ archived: true });
    expect(await (await fetch(`${stack.gateway.url}/networks/${network.slug}`)).text()).not.toContain(list.id);
    const subscribe = await fetch(`${stack.gateway.url}/api/v1/networks/${network.slug}/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.40' },
      body: JSON.stringify({ email: run.email('archived'), language: 'sv', listIds: [list.id] }),
    });
    expect(subscribe.status).toBe(404);
  });

  it('adds contacts (single opt-in only with a consent basis on a single opt-in list), filters, pages and counts them', async () => {
    const single = (await (await as.coordinator.request('POST', '/api/v1/lists', { names: { sv: 'Styrgruppen' }, optInMode: 'single', defaultLanguage: 'sv' })).json()) as MailingListView;
    const add = (local: string, body: Record<string, unknown>) =>
      as.coordinator.request('POST', '/api/v1/contacts', { email: run.email(local), language: 'sv', ...body });

    const withBasis = (await (await add('basis', { name: 'Kari', listIds: [single.id, publicList.id], consentBasis: 'Anmäld på papper vid nätverksträffen' })).json()) as ContactView;
    expect(Object.fromEntries(withBasis.subscriptions.map((s) => [s.listId, s.status]))).toEqual({ [single.id]: 'confirmed', [publicList.id]: 'pending' });
    const without = (await (await add('nobasis', { listIds: [single.id], language: 'fi' })).json()) as ContactView;
    expect(without.subscriptions).toEqual([expect.objectContaining({ listId: single.id, status: 'pending' })]);
    expect((await add('nolist', { listIds: ['no-such-list'] })).status).toBe(404);

    const page = async (query: string) => (await (await as.viewer.request('GET', `/api/v1/contacts?${query}`)).json()) as ContactPage;
    expect((await page(`listId=${single.id}`)).total).toBe(2);
    expect((await page(`listId=${single.id}&status=confirmed`)).items.map((c) => c.id)).toEqual([withBasis.id]);
    expect((await page(`listId=${single.id}&language=fi`)).items.map((c) => c.id)).toEqual([without.id]);
    expect((await page(`q=KARI`)).items.map((c) => c.id)).toEqual([withBasis.id]);

    const first = await page(`listId=${single.id}&limit=1`);
    expect(first).toMatchObject({ total: 2, items: [expect.anything()] });
    const second = await page(`listId=${single.id}&limit=1&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((c) => c.id).sort()).toEqual([withBasis.id, without.id].sort());
  });

  it('edits, blocks and unblocks a contact; a blocked address cannot be added again', async () => {
    const contact = (await (await as.coordinator.request('POST', '/api/v1/contacts', { email: run.email('blocked'), language: 'sv', listIds: [publicList.id] })).json()) as ContactView;
    expect(await (await as.coordinator.request('PATCH', `/api/v1/contacts/${contact.id}`, { name: 'Per', language: 'nn' })).json()).toMatchObject({ name: 'Per', language: 'nn' });

    const blocked = (await (await as.coordinator.request('POST', `/api/v1/contacts/${contact.id}/block`)).json()) as ContactView;
    expect(blocked).toMatchObject({ suppression: 'blocked', subscriptions: [expect.objectContaining({ status: 'unsubscribed' })] });
    expect((await as.coordinator.request('POST', '/api/v1/contacts', { email: contact.email, language: 'sv' })).status).toBe(409);

    expect(await (await as.coordinator.request('DELETE', `/api/v1/contacts/${contact.id}/block`)).json()).toMatchObject({ suppression: null });
    expect((await as.coordinator.request('DELETE', `/api/v1/contacts/${contact.id}/block`)).status).toBe(409);
  });

  it('suppresses an address that hard-bounced (delivery.message.failed), and not one refused by policy', async () => {
    const add = async (local: string) =>
      (await (await as.coordinator.request('POST', '/api/v1/contacts', { email: run.email(local), language: 'sv', listIds: [publicList.id] })).json()) as ContactView;
    const [bounced, refused] = [await add('bounced'), await add('refused')];
    const failed = (contact: ContactView, smtpResponse: string) =>
      stack.audience.app.get(EventFactory).create('delivery.message.failed', {
        networkId: network.id,
        // One key for both, so they share a partition and the refused one is handled before the bounce.
        key: 'hard-bounce-test',
        payload: { deliveryId: `d-${contact.id}`, source: 's', recipient: contact.email, permanent: true, smtpResponse },
      });
    await stack.audience.app.get(EventPublisher).publish([failed(refused, '550 5.7.1 Rejected as spam'), failed(bounced, '550 5.1.1 User unknown')]);
    await waitFor('the hard bounce to suppress the address', async () => {
      const view = (await (await as.viewer.request('GET', `/api/v1/contacts/${bounced.id}`)).json()) as ContactView;
      return view.suppression === 'hard-bounce' ? view : undefined;
    });
    expect(((await (await as.viewer.request('GET', `/api/v1/contacts/${refused.id}`)).json()) as ContactView).suppression).toBeNull();
  });

  it('never shows or changes another network’s lists and contacts: 404', async () => {
    const networkB = DEMO_NETWORKS[1];
    const listOfB = DEMO_MAILING_LISTS.find((l) => l.networkId === networkB.id)!;
    expect((await as.owner.request('GET', `/api/v1/lists/${listOfB.id}`)).status).toBe(404);
    expect((await as.owner.request('PATCH', `/api/v1/lists/${listOfB.id}`, { isPublic: false })).status).toBe(404);
    expect((await as.owner.request('POST', '/api/v1/contacts', { email: run.email('cross'), language: 'sv', listIds: [listOfB.id] })).status).toBe(404);
  });

  it('keeps viewers to reading', async () => {
    expect((await as.viewer.request('GET', '/api/v1/contacts')).status).toBe(200);
    expect((await as.viewer.request('POST', '/api/v1/lists', { names: { sv: 'X' }, defaultLanguage: 'sv' })).status).toBe(403);
  });
});
