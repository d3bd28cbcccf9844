import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { loadConfig } from '@hub/config';
import { DEMO_NETWORKS } from '@hub/demo-data';
import { topicOf } from '@hub/contracts';
import { KafkaTopicReader, MailpitClient, TestRun, waitFor } from '@hub/testing';
import { deliveryConfigSchema } from '../../../apps/delivery/src/delivery.config';
import { DeliveryModule } from '../../../apps/delivery/src/delivery.module';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { gatewayConfigSchema } from '../../../apps/gateway/src/gateway.config';
import { GatewayModule } from '../../../apps/gateway/src/gateway.module';
import { Invitation } from '../../../apps/gateway/src/invitations/invitation.schema';
import { hardenGateway } from '../../../apps/gateway/src/security/http-hardening';
import { GatewayClient } from '../../support/gateway-client';
import { InProcessApp, startInProcess } from '../../support/in-process-app';

jest.setTimeout(120_000);

const [owner, coordinator, viewer] = DEMO_COORDINATORS;
const networkA = DEMO_NETWORKS[0];

/** Coordinators, sessions, API keys, invitations, roles and the audit log, over HTTP on the real stack. */
describe('gateway access control', () => {
  const run = new TestRun();
  const mailpit = new MailpitClient(run.stack.mailpitUrl);
  let gateway: InProcessApp;
  let delivery: InProcessApp;
  let client: () => GatewayClient;

  beforeAll(async () => {
    const env = run.env({
      AUDIENCE_URL: 'http://127.0.0.1:9',
      SIGN_IN_MAX_FAILURES_PER_ACCOUNT_AND_IP: '3',
      SIGN_IN_MAX_FAILURES_PER_IP: '10',
      SUBSCRIBE_RATE_LIMIT_PER_MINUTE: '3',
    });
    gateway = await startInProcess(GatewayModule.forRoot(loadConfig(gatewayConfigSchema, env)), hardenGateway);
    delivery = await startInProcess(DeliveryModule.forRoot(loadConfig(deliveryConfigSchema, env)));
    client = () => new GatewayClient(gateway.url);
  });

  afterAll(async () => {
    await gateway?.close();
    await delivery?.close();
    await run.cleanup();
  });

  describe('sign-in', () => {
    it('signs in with a session cookie that scripts cannot read, and says who and where', async () => {
      const browser = client();
      const response = await browser.signIn(owner.email, owner.password);
      expect(response.status).toBe(200);
      const cookie = response.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^hub_session=[\w-]{43};/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
      const session = (await (await browser.request('GET', '/api/v1/auth/session')).json()) as { account: { email: string }; network: { role: string }; networks: unknown[] };
      expect(session.account.email).toBe(owner.email);
      expect(session.network.role).toBe('owner');
      expect(session.networks).toHaveLength(DEMO_NETWORKS.length);
    });

    it('answers a wrong password and an unknown address alike', async () => {
      const wrong = await client().withIp('198.51.100.1').signIn(owner.email, 'not-the-password');
      const unknown = await client().withIp('198.51.100.1').signIn('nobody@example.test', 'whatever-password');
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(await wrong.json()).toEqual(await unknown.json());
    });

    it('slows a guesser down per account and IP without locking the owner out from elsewhere', async () => {
      const attacker = client().withIp('203.0.113.7');
      for (let i = 0; i < 3; i++) expect((await attacker.signIn(viewer.email, `guess-${i}`)).status).toBe(401);
      const blocked = await attacker.signIn(viewer.email, viewer.password);
      expect(blocked.status).toBe(429);
      expect(((await blocked.json()) as { error: string }).error).toBe('too_many_attempts');
      expect((await client().withIp('192.0.2.55').signIn(viewer.email, viewer.password)).status).toBe(200);
    });

    it('refuses a change made with the cookie but without the CSRF token, and ends the session on sign-out', async () => {
      const browser = client();
      await browser.signIn(owner.email, owner.password);
      expect((await browser.withoutCsrf().request('POST', '/api/v1/api-keys', { name: 'csrf', role: 'viewer' })).status).toBe(401);
      expect((await browser.request('POST', '/api/v1/auth/sign-out')).status).toBe(204);
      expect((await browser.request('GET', '/api/v1/auth/session')).status).toBe(401);
    });

    it('answers 401 without credentials, and 400 naming the field for a malformed sign-in', async () => {
      expect((await client().request('GET', '/api/v1/network')).status).toBe(401);
      const bad = await client().request('POST', '/api/v1/auth/sign-in', { email: 'not-an-address', password: '' });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { fields: Array<{ field: string }> }).fields.map((f) => f.field).sort()).toEqual(['email', 'password']);
    });
  });

  describe('roles', () => {
    it('lets each role do what it may and answers 403 beyond it', async () => {
      const asViewer = client();
      await asViewer.signIn(viewer.email, viewer.password);
      const asCoordinator = client();
      await asCoordinator.signIn(coordinator.email, coordinator.password);
      expect((await asViewer.request('GET', '/api/v1/network')).status).toBe(200);
      expect((await asViewer.request('GET', '/api/v1/coordinators')).status).toBe(403);
      expect((await asCoordinator.request('GET', '/api/v1/coordinators')).status).toBe(200);
      expect((await asCoordinator.request('PATCH', '/api/v1/network', { description: 'changed' })).status).toBe(403);
      expect((await asCoordinator.request('POST', '/api/v1/invitations', { email: 'x@example.test', role: 'viewer' })).status).toBe(403);
    });

    it('keeps a network from losing its last owner', async () => {
      const browser = client();
      const signIn = (await (await browser.signIn(owner.email, owner.password)).json()) as { account: { id: string } };
      const response = await browser.request('PATCH', `/api/v1/coordinators/${signIn.account.id}`, { role: 'viewer' });
      expect(response.status).toBe(409);
    });

    it('lets an owner change a network’s settings, announces the new profile, and validates them', async () => {
      const profiles = await new KafkaTopicReader(run.stack.kafkaBrokers, topicOf('gateway.network.updated', run.topicPrefix)).start();
      try {
        const browser = client();
        await browser.signIn(owner.email, owner.password);
        const before = (await (await browser.request('GET', '/api/v1/network')).json()) as { revision: number };
        const ok = await browser.request('PATCH', '/api/v1/network', { sender: { fromName: 'Klimatkommunerna', fromAddress: 'kansli@example.test', replyTo: null, postalAddress: 'Box 1, Lund' } });
        expect(ok.status).toBe(200);
        expect(((await ok.json()) as { revision: number }).revision).toBe(before.revision + 1);
        const announced = await waitFor('the changed profile on Kafka', async () =>
          profiles.messages
            .map((m) => JSON.parse(m.value!) as { payload: { networkId: string; revision: number; sender: { postalAddress: string }; languages: string[] } })
            .find((e) => e.payload.networkId === networkA.id && e.payload.revision === before.revision + 1),
        );
        expect(announced.payload.sender.postalAddress).toBe('Box 1, Lund');
        expect(announced.payload.languages[0]).toBe(networkA.defaultLanguage);
      } finally {
        await profiles.stop();
      }
    });

    it('rejects invalid network settings naming the fields', async () => {
      const browser = client();
      await browser.signIn(owner.email, owner.password);
      const bad = await browser.request('PATCH', '/api/v1/network', { timeZone: 'Mars/Olympus', branding: { logoUrl: null, accentColor: 'green' } });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { fields: Array<{ field: string }> }).fields.map((f) => f.field).sort()).toEqual(['branding.accentColor', 'timeZone']);
    });
  });

  describe('API keys', () => {
    it('shows a key once, authenticates with it in its network and role, records its use, and stops on revoke', async () => {
      const browser = client();
      await browser.signIn(owner.email, owner.password);
      const created = (await (await browser.request('POST', '/api/v1/api-keys', { name: 'CRM sync', role: 'viewer' })).json()) as { _id: string; key: string };
      expect(created.key).toMatch(/^hub_\w+_\w+$/);
      const listed = (await (await browser.request('GET', '/api/v1/api-keys')).json()) as Array<Record<string, unknown>>;
      expect(listed.find((k) => k._id === created._id)).not.toHaveProperty('key');

      const integration = new GatewayClient(gateway.url, { apiKey: created.key });
      const network = (await (await integration.request('GET', '/api/v1/network')).json()) as { _id: string };
      expect(network._id).toBe(networkA.id);
      expect((await integration.request('PATCH', '/api/v1/network', { description: 'x' })).status).toBe(403);
      const used = (await (await browser.request('GET', '/api/v1/api-keys')).json()) as Array<{ _id: string; lastUsedAt: string | null }>;
      expect(used.find((k) => k._id === created._id)?.lastUsedAt).not.toBeNull();

      expect((await browser.request('DELETE', `/api/v1/api-keys/${created._id}`)).status).toBe(204);
      expect((await integration.request('GET', '/api/v1/network')).status).toBe(401);
      expect((await new GatewayClient(gateway.url, { apiKey: `${created.key}x` }).request('GET', '/api/v1/network')).status).toBe(401);
    });
  });

  describe('invitations', () => {
    it('emails a single-use link that creates the account, signs in, and cannot be used again', async () => {
      const browser = client();
      await browser.signIn(owner.email, owner.password);
      const email = run.email('invited');
      expect((await browser.request('POST', '/api/v1/invitations', { email, role: 'coordinator' })).status).toBe(201);

      const [message] = await mailpit.waitForMessagesTo(email, 1);
      expect(message.Subject).toBe('Inbjudan till Klimatkommunerna');
      const token = /invitations\/accept\?token=([\w-]+)&lang=sv/.exec(message.Text)![1];

      const page = await fetch(`${gateway.url}/invitations/accept?token=${token}&lang=sv`);
      expect(await page.text()).toContain('name="password"');

      const accept = () => client().request('POST', '/api/v1/invitations/accept', { token, name: 'Ny Samordnare', password: 'a-long-enough-password' });
      const accepted = await accept();
      expect(accepted.status).toBe(200);
      const invited = new GatewayClient(gateway.url);
      invited.adoptSession(accepted, ((await accepted.json()) as { csrfToken: string }).csrfToken);
      const session = (await (await invited.request('GET', '/api/v1/auth/session')).json()) as { network: { id: string; role: string } };
      expect(session.network).toEqual({ id: networkA.id, role: 'coordinator' });

      expect((await accept()).status).toBe(410);
      expect((await client().signIn(email, 'a-long-enough-password')).status).toBe(200);
    });

    it('refuses an expired and a revoked link', async () => {
      const browser = client();
      await browser.signIn(owner.email, owner.password);
      const invitations = gateway.app.get<Model<Invitation>>(getModelToken(Invitation.name));

      const expiredEmail = run.email('expired');
      const expired = (await (await browser.request('POST', '/api/v1/invitations', { email: expiredEmail, role: 'viewer' })).json()) as { _id: string };
      // After the email, so the relay has finished with the document (FerretDB's updates are read-modify-write).
      const expiredToken = /token=([\w-]+)/.exec((await mailpit.waitForMessagesTo(expiredEmail, 1))[0].Text)![1];
      await invitations.updateOne({ _id: expired._id }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
      const expiredAnswer = await client().request('POST', '/api/v1/invitations/accept', { token: expiredToken, name: 'X', password: 'a-long-enough-password' });
      expect(expiredAnswer.status).toBe(410);

      const revokedEmail = run.email('revoked');
      const revoked = (await (await browser.request('POST', '/api/v1/invitations', { email: revokedEmail, role: 'viewer' })).json()) as { _id: string };
      const revokedToken = /token=([\w-]+)/.exec((await mailpit.waitForMessagesTo(revokedEmail, 1))[0].Text)![1];
      expect((await browser.request('DELETE', `/api/v1/invitations/${revoked._id}`)).status).toBe(204);
      expect((await client().request('POST', '/api/v1/invitations/accept', { token: revokedToken, name: 'X', password: 'a-long-enough-password' })).status).toBe(410);
      expect((await client().request('POST', '/api/v1/invitations/accept', { token: 'made-up', name: 'X', password: 'a-long-enough-password' })).status).toBe(410);
    });
  });

  describe('audit log', () => {
    it('records who changed what, from where, and lets owners (only) read and filter it', async () => {
      const browser = client().withIp('192.0.2.99');
      await browser.signIn(owner.email, owner.password);
      await browser.request('PATCH', '/api/v1/network', { description: 'Audited change' });
      const log = (await (await browser.request('GET', `/api/v1/audit-log?action=${encodeURIComponent('PATCH /api/v1/network')}&limit=5`)).json()) as {
        entries: Array<{ actor: { label: string }; action: string; ip: string; status: number }>;
      };
      expect(log.entries[0]).toMatchObject({ actor: { label: owner.email }, action: 'PATCH /api/v1/network', ip: '192.0.2.99', status: 200 });
      expect(log.entries.every((entry) => entry.action === 'PATCH /api/v1/network')).toBe(true);

      const asCoordinator = client();
      await asCoordinator.signIn(coordinator.email, coordinator.password);
      expect((await asCoordinator.request('GET', '/api/v1/audit-log')).status).toBe(403);
    });
  });

  describe('public edge', () => {
    it('sends security headers', async () => {
      const response = await fetch(`${gateway.url}/api/v1/networks`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(response.headers.get('x-powered-by')).toBeNull();
    });

    it('rate-limits the subscribe endpoint per client IP', async () => {
      const from = client().withIp('198.51.100.200');
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await from.request('POST', `/api/v1/networks/${networkA.slug}/subscriptions`, { email: 'not valid' })).status);
      }
      expect(statuses).toEqual([400, 400, 400, 429]);
      expect((await client().withIp('198.51.100.201').request('POST', `/api/v1/networks/${networkA.slug}/subscriptions`, { email: 'not valid' })).status).toBe(400);
    });

    it('refuses a body over the size limit with 413', async () => {
      const response = await client().request('POST', '/api/v1/auth/sign-in', { email: 'a@b.no', password: 'x'.repeat(300_000) });
      expect(response.status).toBe(413);
    });
  });
});
