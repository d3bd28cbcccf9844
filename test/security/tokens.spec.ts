import type { ContactPage } from '@hub/contracts';
import { DEMO_MAILING_LISTS, DEMO_NETWORKS } from '@hub/demo-data';
import { MailpitClient, TestRun } from '@hub/testing';
import { LinkTokens } from '../../apps/audience/src/subscriptions/link-tokens';
import { RegistrationTokens } from '../../apps/scheduling/src/network-events/registration-token';
import { publishedEvent } from '../integration/scheduling/scheduling-fixtures';
import { GatewayClient } from '../support/gateway-client';
import { SecurityStack, startSecurityStack } from './security-stack';

jest.setTimeout(180_000);

const networkA = DEMO_NETWORKS[0];
const networkB = DEMO_NETWORKS[1];
const listOfA = DEMO_MAILING_LISTS.find((list) => list.networkId === networkA.id)!;

/** Flips one character of the MAC, the way a person editing a link by hand would. */
function tamper(token: string): string {
  const last = token.at(-1) === 'A' ? 'B' : 'A';
  return `${token.slice(0, -1)}${last}`;
}

/** The claims a token carries, readable by anyone: only its MAC is secret. */
function claimsOf(token: string): { n: string; c: string; r: string; l: string[]; e: number } {
  return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
}

/**
 * The signed links a stranger gets by email, attacked: tampered, expired, reused, and re-aimed at another
 * network or another list (made with the real secret, so only the service's own checks stand in the way).
 * Expired, tampered and cross-purpose audience links are covered in test/integration/audience/leaving.spec.ts,
 * expired/revoked/reused invitations in test/integration/gateway/access.spec.ts.
 */
describe('security: signed links', () => {
  const run = new TestRun();
  const mailpit = new MailpitClient(run.stack.mailpitUrl);
  const secret = run.env().LINK_SIGNING_SECRET;
  const linkTokens = new LinkTokens(secret);
  const registrationTokens = new RegistrationTokens(secret);
  let stack: SecurityStack;

  beforeAll(async () => {
    stack = await startSecurityStack(run, { CONFIRMATION_RESEND_MINUTES: '0' });
  });

  afterAll(async () => {
    await stack?.close();
    await run.cleanup();
  });

  const visitor = () => new GatewayClient(stack.gateway.url).withIp('192.0.2.44');

  const contactOf = async (email: string) => {
    const page = (await (await stack.owner.request('GET', `/api/v1/contacts?q=${encodeURIComponent(email)}`)).json()) as ContactPage;
    return page.items.find((contact) => contact.email === email)!;
  };

  /** Subscribes to A's demo list; returns the confirmation token from the email actually delivered. */
  const confirmationFromEmail = async (email: string): Promise<string> => {
    expect((await visitor().request('POST', `/api/v1/networks/${networkA.slug}/subscriptions`, { email, language: 'sv', listIds: [listOfA.id] })).status).toBe(202);
    const [message] = await mailpit.waitForMessagesTo(email, 1);
    return decodeURIComponent(/token=([^&"\s]+)/.exec(message.Text)![1]);
  };

  const confirm = (token: string) => visitor().request('POST', '/api/v1/subscriptions/confirmations', { token });

  it('a confirmation link re-aimed at another list or another network confirms nothing there; a tampered one nothing at all', async () => {
    const otherList = ((await (await stack.owner.request('POST', '/api/v1/lists', { names: { sv: 'Annan lista' }, defaultLanguage: 'sv' })).json()) as { id: string }).id;
    const email = run.email('relist');
    const token = await confirmationFromEmail(email);
    const claims = claimsOf(token);
    const resigned = (change: { networkId?: string; listIds?: string[] }) =>
      linkTokens.signConfirmation({ networkId: claims.n, contactId: claims.c, requestId: claims.r, listIds: claims.l, expiresAt: new Date(claims.e * 1000), ...change });

    expect((await confirm(tamper(token))).status).toBe(400);
    expect((await confirm(resigned({ listIds: [otherList] }))).status).toBeGreaterThanOrEqual(400);
    expect((await confirm(resigned({ networkId: networkB.id }))).status).toBeGreaterThanOrEqual(400);
    const contact = await contactOf(email);
    expect(contact.subscriptions).toEqual([expect.objectContaining({ listId: listOfA.id, status: 'pending' })]);

    expect(await (await confirm(token)).json()).toMatchObject({ outcome: 'confirmed' });
    expect(await (await confirm(token)).json()).toMatchObject({ outcome: 'already-confirmed' });
    expect((await contactOf(email)).subscriptions).toEqual([expect.objectContaining({ listId: listOfA.id, status: 'confirmed' })]);
  });

  it('an unsubscribe link for another list leaves this one alone; preferences links of another network show nothing', async () => {
    const email = run.email('unsubscribe-other');
    expect(await (await confirm(await confirmationFromEmail(email))).json()).toMatchObject({ outcome: 'confirmed' });
    const { id: contactId } = await contactOf(email);
    const listOfB = DEMO_MAILING_LISTS.find((list) => list.networkId === networkB.id)!;

    const oneClick = (token: string) =>
      fetch(`${stack.gateway.url}/unsubscribe/one-click?token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
    const forOtherList = linkTokens.signContactLink('unsubscribe', { networkId: networkA.id, contactId, listId: listOfB.id });
    expect((await oneClick(forOtherList)).status).toBeLessThan(500);
    const forOtherNetwork = linkTokens.signContactLink('unsubscribe', { networkId: networkB.id, contactId });
    expect((await oneClick(forOtherNetwork)).status).toBeLessThan(500);
    expect((await contactOf(email)).subscriptions).toEqual([expect.objectContaining({ listId: listOfA.id, status: 'confirmed' })]);

    const preferencesOfB = linkTokens.signContactLink('preferences', { networkId: networkB.id, contactId });
    const page = await fetch(`${stack.gateway.url}/preferences?token=${encodeURIComponent(preferencesOfB)}`);
    expect(page.status).toBeGreaterThanOrEqual(400);
    expect(page.status).toBeLessThan(500);
    expect(await page.text()).not.toContain(email);
    expect((await visitor().request('POST', '/api/v1/preferences/view', { token: preferencesOfB })).status).toBeGreaterThanOrEqual(400);

    const preferences = linkTokens.signContactLink('preferences', { networkId: networkA.id, contactId });
    const tampered = await fetch(`${stack.gateway.url}/preferences?token=${encodeURIComponent(tamper(preferences))}`);
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).not.toContain(email);
  });

  it('a registration link that is tampered, or names another network, neither shows nor cancels the registration', async () => {
    const title = `Säkerhetswebbinarium ${run.id}`;
    const eventId = await publishedEvent(stack.owner, { title: { sv: title }, description: { sv: 'Om länkar.' } });
    const registered = await visitor().request('POST', `/api/v1/networks/${networkA.slug}/events/${eventId}/registrations`, {
      name: 'Länk Testare',
      email: run.email('registration-link'),
      language: 'sv',
      consent: true,
    });
    expect(registered.status).toBe(200);
    const { registrationId } = (await registered.json()) as { registrationId: string };
    const token = registrationTokens.sign({ networkId: networkA.id, registrationId });
    const forOtherNetwork = registrationTokens.sign({ networkId: networkB.id, registrationId });

    for (const bad of [tamper(token), forOtherNetwork]) {
      const page = await fetch(`${stack.gateway.url}/registrations/manage?token=${encodeURIComponent(bad)}&lang=sv`);
      expect(page.status).toBeGreaterThanOrEqual(400);
      expect(page.status).toBeLessThan(500);
      expect(await page.text()).not.toContain(title);
      const cancel = await fetch(`${stack.gateway.url}/registrations/manage/cancel`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: bad, lang: 'sv' }).toString(),
      });
      expect(cancel.status).toBeGreaterThanOrEqual(400);
      expect(cancel.status).toBeLessThan(500);
    }
    const page = await (await fetch(`${stack.gateway.url}/registrations/manage?token=${encodeURIComponent(token)}&lang=sv`)).text();
    expect(page).toContain(title);
    expect(page).toContain('Du är anmäld.');
  });

  it('a tampered invitation link is refused like a made-up one, and does not spoil the real one', async () => {
    const email = run.email('invitation-tamper');
    expect((await stack.owner.request('POST', '/api/v1/invitations', { email, role: 'viewer' })).status).toBe(201);
    const [message] = await mailpit.waitForMessagesTo(email, 1);
    const token = /invitations\/accept\?token=([\w-]+)/.exec(message.Text)![1];
    const accept = (value: string) => new GatewayClient(stack.gateway.url).request('POST', '/api/v1/invitations/accept', { token: value, name: 'Inbjuden', password: 'a-long-enough-password' });
    expect((await accept(tamper(token))).status).toBe(410);
    expect((await accept(token)).status).toBe(200);
    expect((await accept(token)).status).toBe(410);
  });
});
