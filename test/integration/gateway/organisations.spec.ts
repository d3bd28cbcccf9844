import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@hub/config';
import { DEMO_NETWORKS, DEMO_ORGANISATIONS } from '@hub/demo-data';
import { TestRun } from '@hub/testing';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { gatewayConfigSchema } from '../../../apps/gateway/src/gateway.config';
import { GatewayModule } from '../../../apps/gateway/src/gateway.module';
import { Network } from '../../../apps/gateway/src/networks/network.schema';
import { MembershipsService } from '../../../apps/gateway/src/organisations/memberships.service';
import {
  AlreadyInNetworkError,
  InvalidMembershipTermsError,
  MembershipNotFoundError,
  OfficialCodeTakenError,
} from '../../../apps/gateway/src/organisations/organisation.errors';
import type { LookupAnswer, MembershipView } from '../../../apps/gateway/src/organisations/organisations.dto';
import { hardenGateway } from '../../../apps/gateway/src/security/http-hardening';
import { GatewayClient } from '../../support/gateway-client';
import { InProcessApp, startInProcess } from '../../support/in-process-app';

jest.setTimeout(120_000);

const network = (slug: string) => DEMO_NETWORKS.find((candidate) => candidate.slug === slug)!;
const greenCities = network('green-cities');
const klimatkommunerna = network('klimatkommunerna');
const ekokommuner = network('sveriges-ekokommuner');
const { malmo, kobenhavn, lund, hoor, innlandet, suomussalmi } = DEMO_ORGANISATIONS;

/** A calendar date some days from today; far enough from midnight's edge in any Nordic time zone. */
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The gateway on the real FerretDB with the demo data: the public lookup, and the coordinators' memberships. */
describe('member organisations', () => {
  const run = new TestRun();
  let gateway: InProcessApp;
  let memberships: MembershipsService;

  const lookup = async (query: Record<string, string> | string) => {
    const response = await fetch(`${gateway.url}/api/v1/public/municipality-lookup?${new URLSearchParams(query)}`);
    return { status: response.status, body: (await response.json()) as LookupAnswer & { fields?: Array<{ field: string }> } };
  };
  const networksOf = async (query: string) => (await lookup({ q: query })).body.results[0].networks;

  beforeAll(async () => {
    gateway = await startInProcess(GatewayModule.forRoot(loadConfig(gatewayConfigSchema, run.env({ AUDIENCE_URL: 'http://127.0.0.1:9' }))), hardenGateway);
    memberships = gateway.app.get(MembershipsService);
  });

  afterAll(async () => {
    await gateway?.close();
    await run.cleanup();
  });

  describe('the public lookup API', () => {
    it.each(['Malmö', 'malmo', 'MALMÖ', 'Malmø', ' malmö stad ', '1280'])('finds Malmö, a Swedish member of a Danish network, for %j', async (query) => {
      const { status, body } = await lookup({ q: query });
      expect(status).toBe(200);
      expect(body.query).toBe(query.trim());
      expect(body.results).toEqual([
        {
          organisation: { id: malmo.id, name: 'Malmö', kind: 'municipality', country: 'SE', officialCode: '1280', inhabitants: 362_000 },
          networks: [{ networkId: greenCities.id, slug: 'green-cities', name: 'Green Cities', status: 'member', joinedOn: '2000-01-01', observerUntil: null }],
        },
      ]);
    });

    it('finds København without its ø, and Lund without Albertslund', async () => {
      expect((await lookup({ q: 'kobenhavn' })).body.results.map((r) => r.organisation.id)).toEqual([kobenhavn.id]);
      expect((await lookup({ q: '101' })).body.results.map((r) => r.organisation.id)).toEqual([kobenhavn.id]);
      expect((await lookup({ q: 'lund' })).body.results.map((r) => r.organisation.name)).toEqual(['Lund']);
    });

    it('lists every public network an organisation is in', async () => {
      const { body } = await lookup({ q: 'innlandet' });
      expect(body.results.map((r) => r.organisation.id)).toEqual([innlandet.id]);
      expect(body.results[0].networks.map((n) => [n.name, n.status])).toEqual([
        ['Bærekraftsnettverket', 'member'],
        ['Klima- og energirådgivere i Innlandet', 'member'],
      ]);
    });

    it('leaves out an observer whose observation has ended, but still finds the municipality', async () => {
      const { body } = await lookup({ q: 'hoor' });
      expect(body.results).toEqual([{ organisation: expect.objectContaining({ id: hoor.id, name: 'Höör' }), networks: [] }]);
      const seenByCoordinators = (await memberships.list(klimatkommunerna.id)).find((m) => m.organisation.id === hoor.id);
      expect(seenByCoordinators).toMatchObject({ status: 'observer', observerUntil: '2024-02-29', standing: 'ended' });
    });

    it('shows a current observer with the last day of its observation, and as a member once converted', async () => {
      const added = await memberships.add(ekokommuner.id, {
        organisation: { id: lund.id },
        status: 'observer',
        joinedOn: daysFromToday(-30),
        observerUntil: daysFromToday(335),
      });
      expect(added.standing).toBe('current');
      expect((await networksOf('Lund')).map((n) => [n.name, n.status, n.observerUntil])).toEqual([
        ['Klimatkommunerna', 'member', null],
        ['Sveriges Ekokommuner', 'observer', daysFromToday(335)],
      ]);

      const converted = await memberships.update(ekokommuner.id, added.id, { status: 'member' });
      expect(converted).toMatchObject({ status: 'member', observerUntil: null, joinedOn: daysFromToday(-30) });
      expect((await networksOf('Lund')).map((n) => [n.name, n.status])).toEqual([
        ['Klimatkommunerna', 'member'],
        ['Sveriges Ekokommuner', 'member'],
      ]);
      await memberships.remove(ekokommuner.id, added.id);
      expect((await networksOf('Lund')).map((n) => n.name)).toEqual(['Klimatkommunerna']);
    });

    it('answers for an organisation in no network, and never shows a network that is not public', async () => {
      expect((await lookup({ q: 'Suomussalmi' })).body.results).toEqual([{ organisation: expect.objectContaining({ id: suomussalmi.id, country: 'FI', officialCode: '777' }), networks: [] }]);

      const hidden = randomUUID();
      await gateway.app.get<Model<Network>>(getModelToken(Network.name)).create({
        _id: hidden,
        slug: `hidden-${run.id}`,
        name: 'Hidden network',
        country: 'SE',
        defaultLanguage: 'sv',
        languages: ['sv'],
        timeZone: 'Europe/Stockholm',
        isPublic: false,
      });
      await memberships.add(hidden, { organisation: { id: malmo.id }, status: 'member', joinedOn: '2020-01-01' });
      expect((await networksOf('Malmö')).map((n) => n.name)).toEqual(['Green Cities']);
    });

    it('answers an unknown municipality with no results', async () => {
      expect(await lookup({ q: 'Atlantis' })).toEqual({ status: 200, body: { query: 'Atlantis', results: [] } });
      expect(await lookup({ q: '9999' })).toEqual({ status: 200, body: { query: '9999', results: [] } });
    });

    it.each([
      ['an empty query', { q: '' }],
      ['a blank query', { q: '   ' }],
      ['a query over 100 characters', { q: 'x'.repeat(101) }],
      ['no query', {}],
      ['two queries', 'q=Lund&q=Malmö'],
    ])('answers %s with 400 naming q', async (_, query) => {
      const { status, body } = await lookup(query);
      expect(status).toBe(400);
      expect(body.fields?.map((f) => f.field)).toEqual(['q']);
    });
  });

  describe('the public lookup page', () => {
    const page = async (query: string) => {
      const response = await fetch(`${gateway.url}/lookup?${query}`);
      return { status: response.status, type: response.headers.get('content-type'), html: await response.text() };
    };

    it('shows the form alone, in the chosen language, with one heading and a label', async () => {
      const { status, type, html } = await page('lang=nb');
      expect(status).toBe(200);
      expect(type).toMatch(/^text\/html/);
      expect(html).toContain('<html lang="nb">');
      expect(html.match(/<h1[ >]/g)).toHaveLength(1);
      expect(html).toContain('<h1>Sjekk din kommune</h1>');
      expect(html).toContain('<form method="get" action="/lookup" role="search">');
      expect(html).toContain('<label for="q">Kommunens navn eller nummer</label>');
      expect(html).not.toContain('<table>');
    });

    it('answers a query below the form: network, status in the glossary’s words, and the joining date in the language', async () => {
      const { status, html } = await page('q=malmo&lang=sv');
      expect(status).toBe(200);
      expect(html).toContain('value="malmo"');
      expect(html).toContain('<h3>Malmö</h3>');
      expect(html).toContain(`Kommun · Sverige · nr 1280 · ${new Intl.NumberFormat('sv-SE').format(362_000)} invånare`);
      expect(html).toMatch(/<a href="\/networks\/green-cities">Green Cities<\/a><\/th><td>Medlem<\/td><td><time datetime="2000-01-01">1 januari 2000<\/time>/);
    });

    it('says "observer until" with the date, and that an organisation is in no network', async () => {
      const added = await memberships.add(ekokommuner.id, { organisation: { id: suomussalmi.id }, status: 'observer', joinedOn: '2024-06-01', observerUntil: daysFromToday(40) });
      try {
        const { html } = await page('q=777&lang=fi');
        const until = new Intl.DateTimeFormat('fi-FI', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${daysFromToday(40)}T00:00:00Z`));
        expect(html).toContain(`<td>Tarkkailija ${until} asti</td><td><time datetime="2024-06-01">1. kesäkuuta 2024</time></td>`);
      } finally {
        await memberships.remove(ekokommuner.id, added.id);
      }
      expect((await page('q=hoor&lang=en')).html).toContain('<p>Höör is not in any of the networks here.</p>');
    });

    it('says when nothing matches, and escapes what was typed', async () => {
      const { status, html } = await page(`q=${encodeURIComponent('<b>Atlantis</b>')}&lang=da`);
      expect(status).toBe(200);
      expect(html).toContain('<p>Ingen kommune eller region matcher »&lt;b&gt;Atlantis&lt;/b&gt;«.</p>');
      expect(html).not.toContain('<b>Atlantis');
    });

    it('answers a bad query with 400 and the form marked invalid', async () => {
      for (const query of ['q=&lang=nn', `q=${'x'.repeat(101)}&lang=nn`]) {
        const { status, html } = await page(query);
        expect(status).toBe(400);
        expect(html).toContain('aria-invalid="true"');
        expect(html).toContain('Skriv inn eit namn eller eit nummer på høgst 100 teikn.');
      }
    });
  });

  describe('memberships, for a network’s coordinators', () => {
    it('creates a new organisation with its membership, and refuses an official code that is taken', async () => {
      const added = await memberships.add(klimatkommunerna.id, {
        organisation: { name: 'Ystad', kind: 'municipality', country: 'SE', officialCode: '1286', inhabitants: 31_000 },
        status: 'member',
        joinedOn: '2010-05-01',
      });
      expect(added).toMatchObject({ organisation: { name: 'Ystad', officialCode: '1286' }, status: 'member', standing: 'current' });
      expect((await networksOf('1286')).map((n) => n.name)).toEqual(['Klimatkommunerna']);

      const again = memberships.add(ekokommuner.id, {
        organisation: { name: 'Ystads kommun', kind: 'municipality', country: 'SE', officialCode: '1286' },
        status: 'member',
        joinedOn: '2010-05-01',
      });
      await expect(again).rejects.toBeInstanceOf(OfficialCodeTakenError);
      await expect(again).rejects.toThrow(`organisation.officialCode: 1286 is Ystad (id ${added.organisation.id}); add it by id`);
    });

    it('adds an organisation to a network once, even when two requests race', async () => {
      const add = () => memberships.add(ekokommuner.id, { organisation: { id: kobenhavn.id }, status: 'member', joinedOn: '2021-01-01' });
      const outcomes = await Promise.allSettled([add(), add(), add()]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const outcome of outcomes.filter((o) => o.status === 'rejected')) expect(outcome.reason).toBeInstanceOf(AlreadyInNetworkError);
      expect((await memberships.list(ekokommuner.id)).filter((m) => m.organisation.id === kobenhavn.id)).toHaveLength(1);
    });

    it('checks the terms a change leaves behind', async () => {
      const lundInKlimatkommunerna = (await memberships.list(klimatkommunerna.id)).find((m) => m.organisation.id === lund.id)!;
      await expect(memberships.update(klimatkommunerna.id, lundInKlimatkommunerna.id, { status: 'observer' })).rejects.toBeInstanceOf(InvalidMembershipTermsError);
      await expect(memberships.update(klimatkommunerna.id, lundInKlimatkommunerna.id, { observerUntil: '2030-01-01' })).rejects.toThrow(
        'observerUntil: only an observer has an end date; leave it out for a member',
      );
      expect((await memberships.list(klimatkommunerna.id)).find((m) => m.id === lundInKlimatkommunerna.id)).toEqual(lundInKlimatkommunerna);
    });

    it('answers another network’s membership exactly like one that does not exist, and leaves it alone', async () => {
      const malmoInGreenCities = (await memberships.list(greenCities.id)).find((m) => m.organisation.id === malmo.id)!;
      for (const attempt of [
        () => memberships.update(klimatkommunerna.id, malmoInGreenCities.id, { joinedOn: '2001-01-01' }),
        () => memberships.remove(klimatkommunerna.id, malmoInGreenCities.id),
        () => memberships.remove(klimatkommunerna.id, randomUUID()),
      ]) {
        await expect(attempt()).rejects.toBeInstanceOf(MembershipNotFoundError);
      }
      expect((await memberships.list(greenCities.id)).find((m) => m.id === malmoInGreenCities.id)).toEqual(malmoInGreenCities);
      expect((await memberships.list(klimatkommunerna.id)).map((m) => m.organisation.id)).not.toContain(malmo.id);
    });

    it('works over HTTP for a signed-in coordinator, in the network of the session', async () => {
      const [, coordinator] = DEMO_COORDINATORS;
      const browser = new GatewayClient(gateway.url);
      expect((await browser.signIn(coordinator.email, coordinator.password)).status).toBe(200);

      const bad = await browser.request('POST', '/api/v1/memberships', {
        organisation: { name: 'Höganäs', kind: 'municipality', country: 'SE', officialCode: '284' },
        status: 'observer',
        joinedOn: '2025-01-01',
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { fields: Array<{ field: string }> }).fields.map((f) => f.field).sort()).toEqual(['observerUntil', 'organisation.officialCode']);

      const created = await browser.request('POST', '/api/v1/memberships', {
        organisation: { name: 'Höganäs', kind: 'municipality', country: 'SE', officialCode: '1284' },
        status: 'observer',
        joinedOn: daysFromToday(-1),
        observerUntil: daysFromToday(364),
      });
      expect(created.status).toBe(201);
      const membership = (await created.json()) as MembershipView;
      const again = await browser.request('POST', '/api/v1/memberships', { organisation: { id: membership.organisation.id }, status: 'member', joinedOn: '2025-01-01' });
      expect(again.status).toBe(409);

      const found = (await (await browser.request('GET', '/api/v1/organisations?q=hoganas')).json()) as { results: Array<{ id: string }> };
      expect(found.results.map((o) => o.id)).toEqual([membership.organisation.id]);
      const listed = (await (await browser.request('GET', '/api/v1/memberships')).json()) as { items: MembershipView[] };
      expect(listed.items.find((m) => m.id === membership.id)).toEqual(membership);

      const patched = await browser.request('PATCH', `/api/v1/memberships/${membership.id}`, { status: 'member' });
      expect(patched.status).toBe(200);
      expect(await patched.json()).toMatchObject({ status: 'member', observerUntil: null });
      expect((await browser.request('PATCH', `/api/v1/memberships/${membership.id}`, {})).status).toBe(400);

      expect((await browser.request('DELETE', `/api/v1/memberships/${membership.id}`)).status).toBe(204);
      expect((await browser.request('DELETE', `/api/v1/memberships/${membership.id}`)).status).toBe(404);
    });
  });
});
