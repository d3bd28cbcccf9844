import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { ContactExport, ContactPage } from '@hub/contracts';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { DEMO_MAILING_LISTS, DEMO_NETWORKS } from '@hub/demo-data';
import { topicOf } from '@hub/contracts';
import { KafkaTopicReader, MailpitClient, TestRun, waitFor } from '@hub/testing';
import { Contact } from '../../../apps/audience/src/subscriptions/contact.schema';
import { LinkTokens } from '../../../apps/audience/src/subscriptions/link-tokens';
import { SubscriptionsService } from '../../../apps/audience/src/subscriptions/subscriptions.service';
import { GatewayClient } from '../../support/gateway-client';
import { AudienceStack, startAudienceStack } from './audience-stack';

jest.setTimeout(120_000);

const network = DEMO_NETWORKS.find((n) => n.slug === 'klimatkommunerna')!;
const list = DEMO_MAILING_LISTS.find((l) => l.networkId === network.id)!;
const [owner] = DEMO_COORDINATORS;

/**
 * Leaving and coming back, through the gateway with audience and delivery in this process and mail read from
 * Mailpit: signed links (expired, tampered, reused), preferences, RFC 8058 one-click, suppression, the consent log,
 * erasure, and concurrent subscribes.
 */
describe('audience: preferences, one-click unsubscribe, suppression, consent log and erasure', () => {
  const run = new TestRun();
  const mailpit = new MailpitClient(run.stack.mailpitUrl);
  let stack: AudienceStack;
  let coordinator: GatewayClient;
  let tokens: LinkTokens;

  beforeAll(async () => {
    stack = await startAudienceStack(run, { delivery: true });
    tokens = stack.audience.app.get(LinkTokens);
    coordinator = new GatewayClient(stack.gateway.url);
    expect((await coordinator.signIn(owner.email, owner.password)).status).toBe(200);
  });

  afterAll(async () => {
    await stack?.close();
    await run.cleanup();
  });

  const publicClient = (ip = '192.0.2.10') => new GatewayClient(stack.gateway.url).withIp(ip);

  const subscribe = (email: string, ip?: string) =>
    publicClient(ip).request('POST', `/api/v1/networks/${network.slug}/subscriptions`, { email, language: 'sv', listIds: [list.id] });

  const contactOf = async (email: string) => {
    const page = (await (await coordinator.request('GET', `/api/v1/contacts?q=${encodeURIComponent(email)}`)).json()) as ContactPage;
    return page.items.find((contact) => contact.email === email);
  };

  const oneClick = (token: string, body: string | undefined, contentType = 'application/x-www-form-urlencoded') =>
    fetch(`${stack.gateway.url}/unsubscribe/one-click?token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: body === undefined ? {} : { 'content-type': contentType },
      body,
    });

  const form = (path: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
    return fetch(`${stack.gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  };

  /** Subscribes and confirms through the email's link; returns the confirmed contact's id. */
  const confirmedSubscriber = async (email: string): Promise<string> => {
    expect((await subscribe(email)).status).toBe(202);
    const [message] = await mailpit.waitForMessagesTo(email, 1);
    const token = decodeURIComponent(/token=([^&"\s]+)/.exec(message.Text)![1]);
    const confirmed = await publicClient().request('POST', '/api/v1/subscriptions/confirmations', { token });
    expect(await confirmed.json()).toMatchObject({ outcome: 'confirmed' });
    const again = await publicClient().request('POST', '/api/v1/subscriptions/confirmations', { token });
    expect(await again.json()).toMatchObject({ outcome: 'already-confirmed' });
    return (await contactOf(email))!.id;
  };

  const noMoreMail = async (email: string, count: number) => {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await mailpit.messagesTo(email)).toHaveLength(count);
  };

  it('refuses expired, tampered and cross-purpose tokens, and a reused one confirms nothing new', async () => {
    const email = run.email('tokens');
    const contactId = await confirmedSubscriber(email);
    const expired = tokens.signConfirmation({ networkId: network.id, contactId, requestId: 'r', listIds: [list.id], expiresAt: new Date(Date.now() - 1_000) });
    expect((await publicClient().request('POST', '/api/v1/subscriptions/confirmations', { token: expired })).status).toBe(410);

    const preferences = tokens.signContactLink('preferences', { networkId: network.id, contactId });
    const [body, mac] = preferences.split('.');
    const tampered = `${Buffer.from(Buffer.from(body, 'base64url').toString().replace(contactId, 'someone-else')).toString('base64url')}.${mac}`;
    expect((await fetch(`${stack.gateway.url}/preferences?token=${encodeURIComponent(tampered)}`)).status).toBe(400);
    expect((await oneClick(preferences, 'List-Unsubscribe=One-Click')).status).toBe(400);
    expect((await publicClient().request('POST', '/api/v1/subscriptions/confirmations', { token: preferences })).status).toBe(400);
    expect((await contactOf(email))!.subscriptions).toEqual([expect.objectContaining({ listId: list.id, status: 'confirmed' })]);
  });

  it('shows the preferences page and saves name, language and lists from the form', async () => {
    const email = run.email('prefs');
    const contactId = await confirmedSubscriber(email);
    const token = tokens.signContactLink('preferences', { networkId: network.id, contactId });
    const page = await fetch(`${stack.gateway.url}/preferences?token=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain(email);
    expect(text).toContain(`value="${list.id}" checked`);

    const saved = await form('/preferences', { token, name: 'Åsa <Ek>', language: 'fi' });
    expect(saved.status).toBe(200);
    const savedText = await saved.text();
    expect(savedText).toContain('lang="fi"');
    expect(savedText).toContain('Åsa &lt;Ek&gt;');
    expect(await contactOf(email)).toMatchObject({ name: 'Åsa <Ek>', language: 'fi', subscriptions: [expect.objectContaining({ status: 'unsubscribed' })] });

    const back = await form('/preferences', { token, listIds: list.id });
    expect(back.status).toBe(200);
    expect((await contactOf(email))!.subscriptions[0].status).toBe('confirmed');

    // The same through the JSON API, for an embedding site.
    const api = publicClient();
    expect(await (await api.request('POST', '/api/v1/preferences/view', { token })).json()).toMatchObject({ email, language: 'fi', lists: [{ id: list.id, status: 'confirmed' }] });
    expect(await (await api.request('PUT', '/api/v1/preferences', { token, listIds: [], language: 'da' })).json()).toMatchObject({ language: 'da', lists: [{ id: list.id, status: 'unsubscribed' }] });
    const bad = await api.request('PUT', '/api/v1/preferences', { token, listIds: ['not a list id'], language: 'de' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { fields: Array<{ field: string }> }).fields.map((f) => f.field).sort()).toEqual(['language', 'listIds.0']);
  });

  it('one-click unsubscribes only with the exact RFC 8058 body, idempotently, and logs the consent', async () => {
    const email = run.email('oneclick');
    const contactId = await confirmedSubscriber(email);
    const token = tokens.signContactLink('unsubscribe', { networkId: network.id, contactId, listId: list.id });

    expect((await oneClick(token, undefined)).status).toBe(400);
    expect((await oneClick(token, 'List-Unsubscribe=Yes')).status).toBe(400);
    expect((await oneClick(token, JSON.stringify({ 'List-Unsubscribe': 'One-Click' }), 'application/json')).status).toBe(400);
    expect((await contactOf(email))!.subscriptions[0].status).toBe('confirmed');

    const first = await oneClick(token, 'List-Unsubscribe=One-Click');
    expect(first.status).toBe(200);
    expect(first.headers.get('set-cookie')).toBeNull();
    expect((await oneClick(token, 'List-Unsubscribe=One-Click')).status).toBe(200);
    expect((await contactOf(email))!.subscriptions[0].status).toBe('unsubscribed');

    const exported = (await (await coordinator.request('GET', `/api/v1/contacts/${contactId}/export`)).json()) as ContactExport;
    expect(exported.consentLog.map((entry) => [entry.action, entry.method])).toEqual([
      ['opt-in-requested', 'api'],
      ['opt-in', 'api'],
      ['opt-out', 'one-click'],
    ]);
    expect(exported.consentLog[0]).toMatchObject({ wordingId: 'subscribe-api/v1', listIds: [list.id], ipHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(exported)).not.toContain('192.0.2.10');
  });

  it('accepts the one-click body as multipart/form-data too (RFC 8058 §3.1), and unsubscribes from everything without a list', async () => {
    const email = run.email('multipart');
    const contactId = await confirmedSubscriber(email);
    const token = tokens.signContactLink('unsubscribe', { networkId: network.id, contactId });
    const wrong = new FormData();
    wrong.append('List-Unsubscribe', 'Two-Clicks');
    expect((await fetch(`${stack.gateway.url}/unsubscribe/one-click?token=${encodeURIComponent(token)}`, { method: 'POST', body: wrong })).status).toBe(400);
    const right = new FormData();
    right.append('List-Unsubscribe', 'One-Click');
    expect((await fetch(`${stack.gateway.url}/unsubscribe/one-click?token=${encodeURIComponent(token)}`, { method: 'POST', body: right })).status).toBe(200);
    expect(await contactOf(email)).toMatchObject({ suppression: 'unsubscribed', subscriptions: [expect.objectContaining({ status: 'unsubscribed' })] });
  });

  it('a person who left everything comes back through their own preferences link', async () => {
    const email = run.email('leaver');
    const contactId = await confirmedSubscriber(email);
    const token = tokens.signContactLink('preferences', { networkId: network.id, contactId });
    const left = await form('/preferences/unsubscribe', { token });
    expect(left.status).toBe(200);
    expect((await contactOf(email))!.suppression).toBe('unsubscribed');

    // Coming back through the person's own signed link lifts the suppression (the sign-up form's way back, with a
    // new double opt-in, is in sign-up.spec.ts).
    expect((await form('/preferences', { token, listIds: list.id })).status).toBe(200);
    expect(await contactOf(email)).toMatchObject({ suppression: null, subscriptions: [expect.objectContaining({ status: 'confirmed' })] });
  });

  it('erases a contact: gone from the API, its links dead or harmless, its address kept out of imports and coordinator entries', async () => {
    const email = run.email('erased');
    const contactId = await confirmedSubscriber(email);
    const unsubscribe = tokens.signContactLink('unsubscribe', { networkId: network.id, contactId });
    const preferences = tokens.signContactLink('preferences', { networkId: network.id, contactId });

    expect((await coordinator.request('DELETE', `/api/v1/contacts/${contactId}`)).status).toBe(204);
    expect((await coordinator.request('GET', `/api/v1/contacts/${contactId}`)).status).toBe(404);
    expect(await contactOf(email)).toBeUndefined();

    expect((await oneClick(unsubscribe, 'List-Unsubscribe=One-Click')).status).toBe(200);
    expect((await fetch(`${stack.gateway.url}/preferences?token=${encodeURIComponent(preferences)}`)).status).toBe(410);
    const readded = await coordinator.request('POST', '/api/v1/contacts', { email, language: 'sv', listIds: [list.id], consentBasis: 'met at the gathering' });
    expect(readded.status).toBe(409);
    await noMoreMail(email, 1);
    expect(await contactOf(email)).toBeUndefined();

    const contacts = stack.audience.app.get<Model<Contact>>(getModelToken(Contact.name));
    const suppressions = contacts.db.collection('suppressions');
    expect(await suppressions.countDocuments({ email })).toBe(0);
    expect(await suppressions.countDocuments({ networkId: network.id, email: null, active: true })).toBeGreaterThanOrEqual(1);
  });

  it('announces unsubscribes, suppressions and erasures on Kafka', async () => {
    const types = ['audience.subscription.unsubscribed', 'audience.suppression.added', 'audience.suppression.removed', 'audience.contact.erased'] as const;
    const readers = await Promise.all(types.map((type) => new KafkaTopicReader(run.stack.kafkaBrokers, topicOf(type, run.topicPrefix)).start()));
    try {
      const email = run.email('events');
      const contactId = await confirmedSubscriber(email);
      const token = tokens.signContactLink('preferences', { networkId: network.id, contactId });
      await form('/preferences/unsubscribe', { token });
      await form('/preferences', { token, listIds: list.id });
      expect((await coordinator.request('DELETE', `/api/v1/contacts/${contactId}`)).status).toBe(204);

      const payloads = await waitFor('one event of each type', async () => {
        const found = readers.map((reader) =>
          reader.messages.map((m) => JSON.parse(m.value!) as { networkId: string; payload: Record<string, unknown> }).filter((e) => e.payload.email === email),
        );
        return found.every((events) => events.length === 1) ? found.map(([event]) => event) : undefined;
      });
      const [unsubscribed, added, removed, erased] = payloads;
      expect(unsubscribed).toMatchObject({ networkId: network.id, payload: { contactId, listIds: [list.id], all: true, method: 'preferences' } });
      expect(added.payload).toMatchObject({ reason: 'unsubscribed', emailHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(removed.payload.emailHash).toBe(added.payload.emailHash);
      expect(erased.payload).toEqual({ contactId, email, emailHash: added.payload.emailHash });
    } finally {
      await Promise.all(readers.map((reader) => reader.stop()));
    }
  });

  it('concurrent subscribes of the same address make one contact', async () => {
    const email = run.email('race');
    const service = stack.audience.app.get(SubscriptionsService);
    const spellings = [email, email.toUpperCase(), ` ${email} `].map((raw) => raw.trim().toLowerCase());
    await Promise.all(Array.from({ length: 12 }, (_, i) => service.subscribe(network.id, { email: spellings[i % 3], language: 'sv', listIds: [list.id] })));
    const contacts = stack.audience.app.get<Model<Contact>>(getModelToken(Contact.name));
    expect(await contacts.countDocuments({ networkId: network.id, email })).toBe(1);
  });
});
