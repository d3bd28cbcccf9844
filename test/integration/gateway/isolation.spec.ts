import { loadConfig } from '@hub/config';
import { DEMO_NETWORKS } from '@hub/demo-data';
import { TestRun } from '@hub/testing';
import { audienceConfigSchema } from '../../../apps/audience/src/audience.config';
import { AudienceModule } from '../../../apps/audience/src/audience.module';
import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { deliveryConfigSchema } from '../../../apps/delivery/src/delivery.config';
import { DeliveryModule } from '../../../apps/delivery/src/delivery.module';
import { Delivery } from '../../../apps/delivery/src/delivery-log/delivery.schema';
import { campaignsConfigSchema } from '../../../apps/campaigns/src/campaigns.config';
import { CampaignsModule } from '../../../apps/campaigns/src/campaigns.module';
import { PasswordHasher } from '../../../apps/gateway/src/auth/password.hasher';
import { hasAtLeast, Role, ROLES } from '../../../apps/gateway/src/auth/role';
import { CoordinatorAccountRepository } from '../../../apps/gateway/src/coordinators/coordinator-account.repository';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { gatewayConfigSchema } from '../../../apps/gateway/src/gateway.config';
import { GatewayModule } from '../../../apps/gateway/src/gateway.module';
import { schedulingConfigSchema } from '../../../apps/scheduling/src/scheduling.config';
import { SchedulingModule } from '../../../apps/scheduling/src/scheduling.module';
import { hardenGateway } from '../../../apps/gateway/src/security/http-hardening';
import { GatewayClient } from '../../support/gateway-client';
import { InProcessApp, startInProcess } from '../../support/in-process-app';
import { eventBody } from '../scheduling/scheduling-fixtures';

jest.setTimeout(120_000);

interface Operation {
  method: string;
  path: string;
  requiredRole: Role;
}

/** A resource of network A for each path with parameters, and a body that passes validation, so only scoping can say no. */
type ResourceFactory = (ownerOfA: GatewayClient) => Promise<{ params: Record<string, string>; body?: unknown }>;

const [ownerDemo, coordinatorDemo, viewerDemo] = DEMO_COORDINATORS;
const networkA = DEMO_NETWORKS[0];
const networkB = DEMO_NETWORKS[1];

/**
 * Walks every protected operation of the gateway's OpenAPI document (so new endpoints are covered without editing
 * this test): without credentials → 401; with each role of network A → 403 below the route's role; with the owner
 * of network B on network A's resources → 404, as if they did not exist; and B's lists never show A's data.
 */
describe('cross-network isolation and roles, over every endpoint of the OpenAPI document', () => {
  const run = new TestRun();
  let gateway: InProcessApp;
  let audience: InProcessApp;
  let scheduling: InProcessApp;
  let campaigns: InProcessApp;
  let delivery: InProcessApp;
  let operations: Operation[];
  const clients = {} as Record<Role | 'ownerOfB', GatewayClient>;

  const resources: Record<string, ResourceFactory> = {
    '/api/v1/api-keys/{id}': async (owner) => {
      const key = (await (await owner.request('POST', '/api/v1/api-keys', { name: 'isolation', role: 'viewer' })).json()) as { _id: string };
      return { params: { id: key._id } };
    },
    '/api/v1/invitations/{id}': async (owner) => {
      const invitation = (await (await owner.request('POST', '/api/v1/invitations', { email: run.email('isolation'), role: 'viewer' })).json()) as { _id: string };
      return { params: { id: invitation._id } };
    },
    '/api/v1/lists/{listId}': async (owner) => ({ params: { listId: await newList(owner) }, body: { isPublic: false } }),
    '/api/v1/lists/{listId}/archive': async (owner) => ({ params: { listId: await newList(owner) } }),
    '/api/v1/contacts/{contactId}': async (owner) => ({ params: { contactId: await newContact(owner) }, body: { name: 'Renamed' } }),
    '/api/v1/contacts/{contactId}/block': async (owner) => ({ params: { contactId: await newContact(owner) } }),
    '/api/v1/contacts/{contactId}/export': async (owner) => ({ params: { contactId: await newContact(owner) } }),
    '/api/v1/contacts/imports/{importId}': async (owner) => ({ params: { importId: await newImport(owner) } }),
    '/api/v1/contacts/imports/{importId}/file': async (owner) => ({ params: { importId: await newImport(owner) } }),
    '/api/v1/network-events/{eventId}': async (owner) => ({ params: { eventId: await newNetworkEvent(owner) }, body: { capacity: 500 } }),
    '/api/v1/network-events/{eventId}/transitions': async (owner) => ({ params: { eventId: await newNetworkEvent(owner) }, body: { to: 'published' } }),
    '/api/v1/network-events/{eventId}/registrations': async (owner) => ({ params: { eventId: await newNetworkEvent(owner) }, body: { name: 'Isolation', email: run.email('isolation-add') } }),
    '/api/v1/network-events/{eventId}/registrations/{registrationId}/move': async (owner) => {
      const [eventId, toEventId] = [await newNetworkEvent(owner), await newNetworkEvent(owner)];
      for (const id of [eventId, toEventId]) await owner.request('POST', `/api/v1/network-events/${id}/transitions`, { to: 'published' });
      const added = await owner.request('POST', `/api/v1/network-events/${eventId}/registrations`, { name: 'Isolation', email: run.email('isolation-move'), notify: false });
      return { params: { eventId, registrationId: ((await added.json()) as { id: string }).id }, body: { toEventId } };
    },
    '/api/v1/event-series/{seriesId}': async (owner) => ({ params: { seriesId: await newSeries(owner) }, body: { capacity: 500 } }),
    '/api/v1/event-series/{seriesId}/transitions': async (owner) => ({ params: { seriesId: await newSeries(owner) }, body: { to: 'published' } }),
    '/api/v1/network-events/{eventId}/registrations/export': async (owner) => ({ params: { eventId: await newNetworkEvent(owner) } }),
    '/api/v1/network-events/{eventId}/registrations/export.xlsx': async (owner) => ({ params: { eventId: await newNetworkEvent(owner) } }),
    '/api/v1/network-events/{eventId}/registrations/{registrationId}/attendance': async (owner) => {
      const eventId = await newNetworkEvent(owner);
      await owner.request('POST', `/api/v1/network-events/${eventId}/transitions`, { to: 'published' });
      const registration = await owner.request('POST', `/api/v1/networks/${networkA.slug}/events/${eventId}/registrations`, { name: 'Isolation', email: run.email('isolation-attendance'), consent: true });
      return { params: { eventId, registrationId: ((await registration.json()) as { registrationId: string }).registrationId }, body: { attended: true } };
    },
    '/api/v1/network-events/{eventId}/registrations/{registrationId}/decision': async (owner) => {
      const eventId = await newNetworkEvent(owner, { approvalRequired: true });
      await owner.request('POST', `/api/v1/network-events/${eventId}/transitions`, { to: 'published' });
      const registration = await owner.request('POST', `/api/v1/networks/${networkA.slug}/events/${eventId}/registrations`, { name: 'Isolation', email: run.email('isolation-registration'), consent: true });
      return { params: { eventId, registrationId: ((await registration.json()) as { registrationId: string }).registrationId }, body: { approve: true } };
    },
    '/api/v1/memberships/{id}': async (owner) => {
      const organisation = { name: `Isolation ${run.id}`, kind: 'other', country: 'SE' };
      const membership = (await (await owner.request('POST', '/api/v1/memberships', { organisation, status: 'member', joinedOn: '2025-01-01' })).json()) as { id: string };
      return { params: { id: membership.id }, body: { joinedOn: '2024-01-01' } };
    },
    '/api/v1/newsletters/{newsletterId}': async (owner) => ({ params: { newsletterId: await newNewsletter(owner) }, body: {} }),
    '/api/v1/newsletters/{newsletterId}/preview/{language}': async (owner) => ({ params: { newsletterId: await newNewsletter(owner), language: 'sv' } }),
    '/api/v1/newsletters/{newsletterId}/test-sends': async (owner) => ({ params: { newsletterId: await newNewsletter(owner) }, body: { addresses: [run.email('isolation-test-send')] } }),
    '/api/v1/newsletters/{newsletterId}/schedule': async (owner) => ({ params: { newsletterId: await newNewsletter(owner) }, body: { localTime: '2030-01-07T09:00' } }),
    '/api/v1/newsletters/{newsletterId}/send': async (owner) => ({ params: { newsletterId: await newNewsletter(owner) } }),
    '/api/v1/newsletters/{newsletterId}/pause': async (owner) => ({ params: { newsletterId: await newNewsletter(owner) } }),
    '/api/v1/newsletters/{newsletterId}/resume': async (owner) => ({ params: { newsletterId: await newNewsletter(owner) } }),
    '/api/v1/newsletters/{newsletterId}/cancel': async (owner) => ({ params: { newsletterId: await newNewsletter(owner) } }),
    '/api/v1/newsletters/{newsletterId}/progress': async (owner) => ({ params: { newsletterId: await newNewsletter(owner) } }),
    '/api/v1/newsletters/{newsletterId}/progress/stream': async (owner) => ({ params: { newsletterId: await newNewsletter(owner) } }),
    '/api/v1/delivery/unknowns/{id}/resend': async () => {
      const id = `isolation-source/${run.email('isolation-unknown')}`;
      await delivery.app.get<Model<Delivery>>(getModelToken(Delivery.name)).create({
        _id: id, networkId: networkA.id, source: 'isolation-source', recipient: run.email('isolation-unknown'), queue: 'transactional', kind: 'subscription-confirmation',
        status: 'unknown', attempt: 0, messageId: '<isolation@hub.test>', claimedAt: new Date(), job: {}, outbox: [],
      });
      return { params: { id } };
    },
    '/api/v1/newsletters/{newsletterId}/statistics': async (owner) => ({ params: { newsletterId: await newNewsletter(owner) } }),
    '/api/v1/coordinators/{accountId}': async (owner) => {
      const coordinators = (await (await owner.request('GET', '/api/v1/coordinators')).json()) as Array<{ id: string; email: string }>;
      return { params: { accountId: coordinators.find((c) => c.email === coordinatorDemo.email)!.id }, body: { role: 'viewer' } };
    },
  };

  async function newList(owner: GatewayClient): Promise<string> {
    const response = await owner.request('POST', '/api/v1/lists', { names: { sv: 'Isolering' }, defaultLanguage: 'sv' });
    return ((await response.json()) as { id: string }).id;
  }

  async function newContact(owner: GatewayClient): Promise<string> {
    const response = await owner.request('POST', '/api/v1/contacts', { email: run.email(`isolation-${Math.random().toString(36).slice(2)}`), language: 'sv' });
    return ((await response.json()) as { id: string }).id;
  }

  async function newImport(owner: GatewayClient): Promise<string> {
    const body = { listIds: [await newList(owner)], consentBasis: 'isolation test', defaultLanguage: 'sv' };
    return ((await (await owner.request('POST', '/api/v1/contacts/imports', body)).json()) as { id: string }).id;
  }

  async function newNewsletter(owner: GatewayClient): Promise<string> {
    const body = { listIds: [await newList(owner)], issues: { sv: { subject: 'Isolering', markdown: 'Hej' } } };
    return ((await (await owner.request('POST', '/api/v1/newsletters', body)).json()) as { id: string }).id;
  }

  async function newSeries(owner: GatewayClient): Promise<string> {
    const { startsAt: _start, endsAt: _end, ...template } = eventBody();
    const body = { ...template, firstStartsAt: '2030-01-08T10:00', durationMinutes: 60, rrule: 'FREQ=WEEKLY;COUNT=2' };
    return ((await (await owner.request('POST', '/api/v1/event-series', body)).json()) as { id: string }).id;
  }

    async function newNetworkEvent(owner: GatewayClient, overrides: Parameters<typeof eventBody>[0] = {}): Promise<string> {
    return ((await (await owner.request('POST', '/api/v1/network-events', eventBody(overrides))).json()) as { id: string }).id;
  }

  beforeAll(async () => {
    audience = await startInProcess(AudienceModule.forRoot(loadConfig(audienceConfigSchema, run.env())));
    scheduling = await startInProcess(SchedulingModule.forRoot(loadConfig(schedulingConfigSchema, run.env())));
    campaigns = await startInProcess(CampaignsModule.forRoot(loadConfig(campaignsConfigSchema, run.env({ AUDIENCE_URL: audience.url, DELIVERY_URL: 'http://127.0.0.1:9' }))));
    delivery = await startInProcess(DeliveryModule.forRoot(loadConfig(deliveryConfigSchema, run.env())));
    gateway = await startInProcess(
      GatewayModule.forRoot(loadConfig(gatewayConfigSchema, run.env({ AUDIENCE_URL: audience.url, SCHEDULING_URL: scheduling.url, CAMPAIGNS_URL: campaigns.url, DELIVERY_URL: delivery.url }))),
      hardenGateway,
    );
    const document = (await (await fetch(`${gateway.url}/api/docs/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { 'x-required-role'?: Role }>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => operation['x-required-role'])
        .map(([method, operation]) => ({ method: method.toUpperCase(), path, requiredRole: operation['x-required-role']! })),
    );

    const accounts = gateway.app.get(CoordinatorAccountRepository);
    const password = 'owner-of-b-only-password';
    await accounts.create({ email: 'owner-b@example.test', name: 'Owner of B', passwordHash: await gateway.app.get(PasswordHasher).hash(password), roles: { [networkB.id]: 'owner' } });
    for (const [role, demo] of [['owner', ownerDemo], ['coordinator', coordinatorDemo], ['viewer', viewerDemo]] as const) {
      clients[role] = new GatewayClient(gateway.url);
      expect((await clients[role].signIn(demo.email, demo.password)).status).toBe(200);
    }
    clients.ownerOfB = new GatewayClient(gateway.url);
    expect((await clients.ownerOfB.signIn('owner-b@example.test', password)).status).toBe(200);
  });

  afterAll(async () => {
    await gateway?.close();
    await audience?.close();
    await scheduling?.close();
    await campaigns?.close();
    await delivery?.close();
    await run.cleanup();
  });

  const fill = (path: string, params: Record<string, string>) => path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? 'none'));

  it('finds the protected operations in the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThanOrEqual(10);
    expect(operations).toContainEqual({ method: 'PATCH', path: '/api/v1/network', requiredRole: 'owner' });
  });

  it('answers 401 to every protected operation without credentials', async () => {
    for (const operation of operations) {
      const response = await new GatewayClient(gateway.url).request(operation.method, fill(operation.path, {}), operation.method === 'GET' ? undefined : {});
      expect({ ...operation, status: response.status }).toEqual({ ...operation, status: 401 });
    }
  });

  it('answers 403 to each role below the operation’s role, and lets the others through', async () => {
    for (const operation of operations) {
      for (const role of ROLES) {
        if (hasAtLeast(role, operation.requiredRole)) {
          if (operation.method !== 'GET' || operation.path.includes('{')) continue; // changes are exercised elsewhere
          const response = await clients[role].request('GET', operation.path);
          expect({ ...operation, role, status: response.status }).toEqual({ ...operation, role, status: 200 });
        } else {
          const response = await clients[role].request(operation.method, fill(operation.path, {}), operation.method === 'GET' ? undefined : {});
          expect({ ...operation, role, status: response.status }).toEqual({ ...operation, role, status: 403 });
        }
      }
    }
  });

  it('answers 404 when the owner of another network names this network’s resources, and shows none of them', async () => {
    const seenIds: string[] = [];
    for (const operation of operations.filter((o) => o.path.includes('{'))) {
      const factory = resources[operation.path];
      if (!factory) throw new Error(`no resource of network A for ${operation.path}: add one to the table in this test`);
      const { params, body } = await factory(clients.owner);
      // Ids only: a parameter like a language code ('sv') is not network A's data and appears everywhere.
      seenIds.push(...Object.values(params).filter((value) => value.length > 8));
      const response = await clients.ownerOfB.request(operation.method, fill(operation.path, params), operation.method === 'GET' ? undefined : (body ?? {}));
      expect({ ...operation, status: response.status }).toEqual({ ...operation, status: 404 });
    }
    for (const operation of operations.filter((o) => o.method === 'GET' && !o.path.includes('{'))) {
      const text = await (await clients.ownerOfB.request('GET', operation.path)).text();
      for (const id of [...seenIds, networkA.id]) expect({ path: operation.path, leaks: text.includes(id) ? id : null }).toEqual({ path: operation.path, leaks: null });
    }
    const network = (await (await clients.ownerOfB.request('GET', '/api/v1/network')).json()) as { _id: string };
    expect(network._id).toBe(networkB.id);
  });
});
