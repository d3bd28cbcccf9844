import { loadConfig } from '@hub/config';
import { DEMO_MAILING_LISTS, DEMO_NETWORKS } from '@hub/demo-data';
import { TestRun } from '@hub/testing';
import { CONSOLE_CATALOG } from '../../../apps/gateway/src/console/console.catalog';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { gatewayConfigSchema } from '../../../apps/gateway/src/gateway.config';
import { GatewayModule } from '../../../apps/gateway/src/gateway.module';
import { hardenGateway } from '../../../apps/gateway/src/security/http-hardening';
import { GatewayClient } from '../../support/gateway-client';
import { InProcessApp, startInProcess } from '../../support/in-process-app';

jest.setTimeout(120_000);

const network = DEMO_NETWORKS.find((candidate) => candidate.slug === 'klimatkommunerna')!;
const list = DEMO_MAILING_LISTS.find((candidate) => candidate.networkId === network.id)!;

/**
 * A sign-up that cannot be stored (here: audience is not reachable at all) is answered 503 with Retry-After: a page
 * in the visitor's language for a browser's form, JSON for the embed script and the API, the console's own page for
 * a coordinator. Never a 500 or 502.
 */
describe('what the hub cannot store or read', () => {
  const run = new TestRun();
  let gateway: InProcessApp;

  beforeAll(async () => {
    gateway = await startInProcess(GatewayModule.forRoot(loadConfig(gatewayConfigSchema, run.env({ AUDIENCE_URL: 'http://127.0.0.1:9' }))), hardenGateway);
  });

  afterAll(async () => {
    await gateway?.close();
    await run.cleanup();
  });

  const form = (accept: string) =>
    fetch(`${gateway.url}/networks/${network.slug}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept, 'accept-language': 'sv' },
      body: new URLSearchParams({ email: run.email('kommer-senare'), listIds: list.id, language: 'sv' }),
    });

  it('a browser gets a page in its language saying to send it again later', async () => {
    const response = await form('text/html');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('30');
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain('<html lang="sv"');
    expect(page).toContain('Försök igen om en stund');
  });

  it('the embed script and the API get JSON', async () => {
    const embedded = await form('application/json');
    expect(embedded.status).toBe(503);
    expect(await embedded.json()).toMatchObject({ statusCode: 503 });
    const api = await fetch(`${gateway.url}/api/v1/networks/${network.slug}/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: run.email('api'), language: 'sv', listIds: [list.id] }),
    });
    expect(api.status).toBe(503);
    expect(await api.json()).toMatchObject({ statusCode: 503, message: expect.stringMatching(/audience/) });
  });

  it('a coordinator gets a console page in the console language', async () => {
    const owner = new GatewayClient(gateway.url);
    expect((await owner.signIn(DEMO_COORDINATORS[0].email, DEMO_COORDINATORS[0].password)).status).toBe(200);
    const response = await owner.request('GET', '/console/lists?lang=sv');
    expect(response.status).toBe(503);
    const page = await response.text();
    expect(page).toContain((CONSOLE_CATALOG.sv as { errors: { unavailableTitle: string } }).errors.unavailableTitle);
  });
});
