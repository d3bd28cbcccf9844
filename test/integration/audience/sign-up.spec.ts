import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { ContactExport, ContactPage } from '@hub/contracts';
import { DEMO_MAILING_LISTS, DEMO_NETWORKS } from '@hub/demo-data';
import { MailpitClient, TestRun } from '@hub/testing';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { SignUpBotTrap } from '../../../apps/gateway/src/subscriptions/sign-up-bot-trap';
import { ProofHashes } from '../../../apps/audience/src/consent/proof-hashes';
import { LinkTokens } from '../../../apps/audience/src/subscriptions/link-tokens';
import { ConfirmationRequestRepository } from '../../../apps/audience/src/subscriptions/confirmation-request.repository';
import { ContactRepository } from '../../../apps/audience/src/subscriptions/contact.repository';
import { INTERRUPTED_AFTER_MS, SubscriptionsService } from '../../../apps/audience/src/subscriptions/subscriptions.service';
import { Contact } from '../../../apps/audience/src/subscriptions/contact.schema';
import { SuppressionsService } from '../../../apps/audience/src/suppressions/suppressions.service';
import { GatewayClient } from '../../support/gateway-client';
import { AudienceStack, startAudienceStack } from './audience-stack';

jest.setTimeout(120_000);

const network = DEMO_NETWORKS.find((n) => n.slug === 'klimatkommunerna')!;
const list = DEMO_MAILING_LISTS.find((l) => l.networkId === network.id)!;
const [owner] = DEMO_COORDINATORS;

/**
 * Signing up through the gateway, with audience and delivery in this process and the mail read from Mailpit: bots
 * (honeypot, minimum fill time) and people coming back after leaving, being suppressed or being erased.
 */
describe('audience: sign-up bots and coming back', () => {
  const run = new TestRun();
  const mailpit = new MailpitClient(run.stack.mailpitUrl);
  let stack: AudienceStack;
  let coordinator: GatewayClient;
  let ip = 0;

  beforeAll(async () => {
    stack = await startAudienceStack(run, { delivery: true });
    coordinator = new GatewayClient(stack.gateway.url);
    expect((await coordinator.signIn(owner.email, owner.password)).status).toBe(200);
  });

  afterAll(async () => {
    await stack?.close();
    await run.cleanup();
  });

  // A new client IP per request: the per-IP sign-up limit is not what these tests are about.
  const nextIp = () => `198.51.100.${++ip}`;

  const subscribe = (email: string, extra: Record<string, unknown> = {}) =>
    new GatewayClient(stack.gateway.url).withIp(nextIp()).request('POST', `/api/v1/networks/${network.slug}/subscriptions`, { email, language: 'sv', listIds: [list.id], ...extra });

  const submitForm = (fields: Record<string, string>) =>
    fetch(`${stack.gateway.url}/networks/${network.slug}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': nextIp() },
      body: new URLSearchParams({ language: 'sv', listIds: list.id, ...fields }),
    });

  const contactOf = async (email: string) => {
    const page = (await (await coordinator.request('GET', `/api/v1/contacts?q=${encodeURIComponent(email)}`)).json()) as ContactPage;
    return page.items.find((contact) => contact.email === email);
  };

  const confirmTokens = (messages: Array<{ Text: string }>) => messages.map((message) => decodeURIComponent(/token=([^&"\s]+)/.exec(message.Text)![1]));

  const confirm = (token: string) => new GatewayClient(stack.gateway.url).withIp(nextIp()).request('POST', '/api/v1/subscriptions/confirmations', { token });

  /** Subscribes and confirms through the email's link; returns the contact's id and the link. */
  const confirmedSubscriber = async (email: string): Promise<{ contactId: string; token: string }> => {
    expect((await subscribe(email)).status).toBe(202);
    const [token] = confirmTokens(await mailpit.waitForMessagesTo(email, 1));
    expect(await (await confirm(token)).json()).toMatchObject({ outcome: 'confirmed' });
    return { contactId: (await contactOf(email))!.id, token };
  };

  const settle = () => new Promise((resolve) => setTimeout(resolve, 3_000));

  it('a sign-up whose process died between its claim and its write is completed: the confirmation goes out, once', async () => {
    const email = run.email('cut-off');
    // Where a SIGKILL can leave a sign-up: the contact found or created and the email claimed, the pending state and
    // its announcement never written. The person was answered 202, and a retry in the window finds the claim.
    const before = new Date(Date.now() - INTERRUPTED_AFTER_MS - 1_000);
    const contact = await stack.audience.app.get(ContactRepository).findOrCreate(network.id, email, { name: 'Avbruten', language: 'sv' });
    const claims = stack.audience.app.get(ConfirmationRequestRepository);
    const source = { method: 'form' as const, wordingId: 'subscribe-form/v1', ip: '198.51.100.250' };
    expect(await claims.claim(contact._id, [`${list.id}=none//`], 60_000, before, { listIds: [list.id], name: 'Avbruten', language: 'sv', source })).toBe(true);

    // Audience's own sweeper (every 10 s) may get there first; either way the email goes out once.
    const subscriptions = stack.audience.app.get(SubscriptionsService);
    await subscriptions.completeInterrupted();
    const [token] = confirmTokens(await mailpit.waitForMessagesTo(email, 1));
    expect(token).toBeTruthy();
    expect((await contactOf(email))?.subscriptions.find((s) => s.listId === list.id)?.status).toBe('pending');
    // Settled: another sweep completes nothing and sends nothing more.
    expect(await subscriptions.completeInterrupted()).toBe(0);
    await new Promise((done) => setTimeout(done, 2_000));
    expect(await mailpit.messagesTo(email)).toHaveLength(1);
  });

  it('a filled honeypot gets the success answer through the API and the form, and nothing is stored or sent', async () => {
    const person = run.email('hp-person');
    const bot = run.email('hp-bot');
    const human = await subscribe(person, { website: '' });
    const trapped = await subscribe(bot, { website: 'https://cheap-pills.example' });
    expect([trapped.status, await trapped.json()]).toEqual([human.status, await human.json()]);

    const formBot = run.email('hp-form-bot');
    const formPerson = run.email('hp-form-person');
    const page = await (await fetch(`${stack.gateway.url}/networks/${network.slug}`)).text();
    expect(page).toMatch(/<div class="hp" aria-hidden="true"><label for="website">[^<]+<\/label><input id="website" name="website" type="text" tabindex="-1"/);
    const personPage = await submitForm({ email: formPerson });
    const botPage = await submitForm({ email: formBot, website: 'https://cheap-pills.example' });
    expect([botPage.status, await botPage.text()]).toEqual([personPage.status, await personPage.text()]);

    await mailpit.waitForMessagesTo(person, 1);
    await mailpit.waitForMessagesTo(formPerson, 1);
    await settle();
    for (const email of [bot, formBot]) {
      expect(await mailpit.messagesTo(email)).toHaveLength(0);
      expect(await contactOf(email)).toBeUndefined();
    }
  });

  it('the hub’s form sent sooner than the minimum fill time, or with a forged stamp, is taken for a bot’s', async () => {
    const page = await (await fetch(`${stack.gateway.url}/networks/${network.slug}`)).text();
    const stamp = /name="formStamp" value="([^"]+)"/.exec(page)![1];
    const [tooFast, forged, human] = [run.email('stamp-fast'), run.email('stamp-forged'), run.email('stamp-human')];
    const fast = await submitForm({ email: tooFast, formStamp: stamp });
    const [time, mac] = stamp.split('.');
    const backdated = await submitForm({ email: forged, formStamp: `${(parseInt(time, 36) - 60_000).toString(36)}.${mac}` });
    // A person who took their time: the stamp of a page rendered ten seconds ago.
    const slow = await submitForm({ email: human, formStamp: stack.gateway.app.get(SignUpBotTrap).stamp(Date.now() - 10_000) });
    const humanPage = await slow.text();
    expect([fast.status, await fast.text()]).toEqual([200, humanPage]);
    expect([backdated.status, await backdated.text()]).toEqual([200, humanPage]);

    await mailpit.waitForMessagesTo(human, 1);
    expect(await contactOf(human)).toMatchObject({ subscriptions: [expect.objectContaining({ status: 'pending' })] });
    await settle();
    for (const email of [tooFast, forged]) {
      expect(await mailpit.messagesTo(email)).toHaveLength(0);
      expect(await contactOf(email)).toBeUndefined();
    }
  });

  it('an address that unsubscribed from everything comes back through the form with a new double opt-in', async () => {
    const email = run.email('comeback');
    const { contactId, token: firstLink } = await confirmedSubscriber(email);
    const unsubscribe = stack.audience.app.get(LinkTokens).signContactLink('unsubscribe', { networkId: network.id, contactId });
    const left = await fetch(`${stack.gateway.url}/unsubscribe/one-click?token=${encodeURIComponent(unsubscribe)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(left.status).toBe(200);
    expect(await contactOf(email)).toMatchObject({ suppression: 'unsubscribed', subscriptions: [expect.objectContaining({ status: 'unsubscribed' })] });
    expect((await confirm(firstLink)).status).toBe(410);

    expect((await subscribe(email)).status).toBe(202);
    const [secondLink] = confirmTokens(await mailpit.waitForMessagesTo(email, 2)).filter((token) => token !== firstLink);
    // Still suppressed until the person confirms.
    expect(await contactOf(email)).toMatchObject({ suppression: 'unsubscribed', subscriptions: [expect.objectContaining({ status: 'pending' })] });
    expect(await (await confirm(secondLink)).json()).toMatchObject({ outcome: 'confirmed' });
    expect(await contactOf(email)).toMatchObject({ id: contactId, suppression: null, subscriptions: [expect.objectContaining({ status: 'confirmed' })] });

    const exported = (await (await coordinator.request('GET', `/api/v1/contacts/${contactId}/export`)).json()) as ContactExport;
    expect(exported.consentLog.map((entry) => [entry.action, entry.method])).toEqual([
      ['opt-in-requested', 'api'],
      ['opt-in', 'api'],
      ['opt-out', 'one-click'],
      ['opt-in-requested', 'api'],
      ['opt-in', 'api'],
    ]);
  });

  it('blocked, complained and hard-bounced addresses get the neutral answer and no email, and a block voids a pending link', async () => {
    const suppressions = stack.audience.app.get(SuppressionsService);
    const blocked = run.email('blocked');
    const { contactId } = await confirmedSubscriber(blocked);
    expect((await coordinator.request('POST', `/api/v1/contacts/${contactId}/block`)).status).toBe(200);
    const complained = run.email('complained');
    const bounced = run.email('bounced');
    await suppressions.suppress(network.id, complained, 'complaint');
    await suppressions.suppress(network.id, bounced, 'hard-bounce');

    const fresh = await subscribe(run.email('neutral-fresh'));
    const answer = [fresh.status, await fresh.json()];
    for (const email of [blocked, complained, bounced]) {
      const response = await subscribe(email);
      expect([response.status, await response.json()]).toEqual(answer);
    }

    // Pending when the block came: the link it already has brings nothing back.
    const pending = run.email('pendingblock');
    expect((await subscribe(pending)).status).toBe(202);
    const [link] = confirmTokens(await mailpit.waitForMessagesTo(pending, 1));
    expect((await coordinator.request('POST', `/api/v1/contacts/${(await contactOf(pending))!.id}/block`)).status).toBe(200);
    expect((await confirm(link)).status).toBe(410);

    await settle();
    expect(await mailpit.messagesTo(blocked)).toHaveLength(1);
    expect(await mailpit.messagesTo(complained)).toHaveLength(0);
    expect(await mailpit.messagesTo(bounced)).toHaveLength(0);
    expect(await contactOf(blocked)).toMatchObject({ suppression: 'blocked', subscriptions: [expect.objectContaining({ status: 'unsubscribed' })] });
    expect(await contactOf(complained)).toBeUndefined();
    expect(await contactOf(pending)).toMatchObject({ suppression: 'blocked', subscriptions: [expect.objectContaining({ status: 'unsubscribed' })] });
  });

  it('an erased address can subscribe again: a new contact and a fresh double opt-in, with the erasure’s hash kept', async () => {
    const email = run.email('erased-returns');
    const { contactId: erasedId, token: oldLink } = await confirmedSubscriber(email);
    expect((await coordinator.request('DELETE', `/api/v1/contacts/${erasedId}`)).status).toBe(204);
    const hash = stack.audience.app.get(ProofHashes).address(network.id, email);
    const suppressions = stack.audience.app.get<Model<Contact>>(getModelToken(Contact.name)).db.collection('suppressions');
    expect(await suppressions.findOne({ _id: hash as never })).toMatchObject({ email: null, active: true });

    expect((await subscribe(email)).status).toBe(202);
    const [newLink] = confirmTokens(await mailpit.waitForMessagesTo(email, 2)).filter((token) => token !== oldLink);
    expect((await confirm(oldLink)).status).toBe(410);
    expect(await (await confirm(newLink)).json()).toMatchObject({ outcome: 'confirmed' });

    const contact = (await contactOf(email))!;
    expect(contact).toMatchObject({ suppression: null, subscriptions: [expect.objectContaining({ status: 'confirmed' })] });
    expect(contact.id).not.toBe(erasedId);
    const exported = (await (await coordinator.request('GET', `/api/v1/contacts/${contact.id}/export`)).json()) as ContactExport;
    expect(exported.consentLog.map((entry) => entry.action)).toEqual(['opt-in-requested', 'opt-in']);
    // The record that proved the erasure is still there under the address's hash, no longer suppressing.
    expect(await suppressions.findOne({ _id: hash as never })).toMatchObject({ email: null, active: false });
  });
});
