import { DEMO_MAILING_LISTS, DEMO_NETWORKS } from '@hub/demo-data';
import { MailpitClient, TestRun } from '@hub/testing';
import { publishedEvent } from '../integration/scheduling/scheduling-fixtures';
import { GatewayClient } from '../support/gateway-client';
import { SecurityStack, startSecurityStack } from './security-stack';

jest.setTimeout(180_000);

const network = DEMO_NETWORKS[0];
const list = DEMO_MAILING_LISTS.find((l) => l.networkId === network.id)!;
const SIGN_UP_LIMIT = 5;
const SIGN_IN_PER_ACCOUNT_AND_IP = 3;
const SIGN_IN_PER_IP = 8;

/** Lets the pipeline (Kafka → delivery → SMTP) deliver whatever it is going to deliver before counting. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 4_000));

/**
 * Using the hub against someone: bombing one inbox through the subscribe form, flooding registrations, guessing
 * passwords. The limits hold and the number of emails stays bounded. The per-IP subscribe limit alone is in
 * test/integration/gateway/access.spec.ts, one (account, IP) pair guessing in the same file.
 */
describe('security: abuse', () => {
  const run = new TestRun();
  const mailpit = new MailpitClient(run.stack.mailpitUrl);
  let stack: SecurityStack;

  beforeAll(async () => {
    stack = await startSecurityStack(run, {
      SUBSCRIBE_RATE_LIMIT_PER_MINUTE: String(SIGN_UP_LIMIT),
      SIGN_IN_MAX_FAILURES_PER_ACCOUNT_AND_IP: String(SIGN_IN_PER_ACCOUNT_AND_IP),
      SIGN_IN_MAX_FAILURES_PER_IP: String(SIGN_IN_PER_IP),
    });
  });

  afterAll(async () => {
    await stack?.close();
    await run.cleanup();
  });

  const from = (ip: string) => new GatewayClient(stack.gateway.url).withIp(ip);

  it('sends one confirmation email to an address subscribed 30 times at once from 30 addresses, and one IP hits the limit', async () => {
    const target = run.email('bombed');
    // All at the same moment: every request reads the contact before any writes it, so only the insert-only claim
    // of the confirmation (audience's confirmation_requests) keeps this to one email.
    const statuses = await Promise.all(
      Array.from({ length: 30 }, async (_, i) =>
        (await from(`198.51.100.${i + 1}`).request('POST', `/api/v1/networks/${network.slug}/subscriptions`, { email: target, language: 'sv', listIds: [list.id] })).status,
      ),
    );
    expect(statuses.every((status) => status === 202)).toBe(true);
    const oneIp = [];
    for (let i = 0; i < SIGN_UP_LIMIT + 3; i++) {
      oneIp.push((await from('198.51.100.200').request('POST', `/api/v1/networks/${network.slug}/subscriptions`, { email: target, language: 'sv', listIds: [list.id] })).status);
    }
    expect(oneIp.slice(0, SIGN_UP_LIMIT).every((status) => status === 202)).toBe(true);
    expect(oneIp.slice(SIGN_UP_LIMIT).every((status) => status === 429)).toBe(true);

    await mailpit.waitForMessagesTo(target, 1);
    await settle();
    expect(await mailpit.messagesTo(target)).toHaveLength(1);
  });

  it('stops a registration flood from one IP at the limit, and registers (and emails) one address once', async () => {
    const eventId = await publishedEvent(stack.owner, { title: { sv: `Flod ${run.id}` }, capacity: 500 });
    const register = (ip: string, email: string) =>
      from(ip).request('POST', `/api/v1/networks/${network.slug}/events/${eventId}/registrations`, { name: 'Flod', email, language: 'sv', consent: true });

    const flood: number[] = [];
    for (let i = 0; i < SIGN_UP_LIMIT + 5; i++) flood.push((await register('198.51.100.210', run.email(`flood-${i}`))).status);
    expect(flood.slice(0, SIGN_UP_LIMIT)).toEqual(Array(SIGN_UP_LIMIT).fill(200));
    expect(flood.slice(SIGN_UP_LIMIT)).toEqual(Array(5).fill(429));

    const target = run.email('registered-often');
    const again = await Promise.all(Array.from({ length: 20 }, (_, i) => register(`198.51.100.${100 + i}`, target).then((response) => response.status)));
    expect(again.every((status) => status === 200)).toBe(true);
    const { items: rows } = (await (await stack.owner.request('GET', `/api/v1/network-events/${eventId}/registrations`)).json()) as { items: Array<{ email: string }> };
    expect(rows.filter((row) => row.email === target)).toHaveLength(1);
    expect(rows).toHaveLength(SIGN_UP_LIMIT + 1);

    await mailpit.waitForMessagesTo(target, 1);
    await settle();
    expect(await mailpit.messagesTo(target)).toHaveLength(1);
    for (let i = SIGN_UP_LIMIT; i < SIGN_UP_LIMIT + 5; i++) expect(await mailpit.messagesTo(run.email(`flood-${i}`))).toHaveLength(0);
  });

  it('answers 429 to password guessing per account and per IP, lets the owner in from elsewhere, and sends no mail', async () => {
    const email = run.email('guessed');
    expect((await stack.owner.request('POST', '/api/v1/invitations', { email, role: 'viewer' })).status).toBe(201);
    const [invitation] = await mailpit.waitForMessagesTo(email, 1);
    const token = /invitations\/accept\?token=([\w-]+)/.exec(invitation.Text)![1];
    const password = 'the-real-long-password';
    expect((await from('203.0.113.9').request('POST', '/api/v1/invitations/accept', { token, name: 'Gissad', password })).status).toBe(200);

    const guess = (ip: string, address: string) => from(ip).request('POST', '/api/v1/auth/sign-in', { email: address, password: 'wrong-guess-123' });
    const perAccount: number[] = [];
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT_AND_IP + 2; i++) perAccount.push((await guess('203.0.113.10', email)).status);
    expect(perAccount.slice(0, SIGN_IN_PER_ACCOUNT_AND_IP)).toEqual(Array(SIGN_IN_PER_ACCOUNT_AND_IP).fill(401));
    expect(perAccount.slice(SIGN_IN_PER_ACCOUNT_AND_IP)).toEqual([429, 429]);
    // Even the right password is refused from the guessing IP until the window passes, so guessing there is pointless.
    expect((await from('203.0.113.10').request('POST', '/api/v1/auth/sign-in', { email, password })).status).toBe(429);

    // One IP spraying many accounts meets the per-IP limit.
    const spray: number[] = [];
    for (let i = 0; i < SIGN_IN_PER_IP + 2; i++) spray.push((await guess('203.0.113.11', run.email(`sprayed-${i}`))).status);
    expect(spray.slice(0, SIGN_IN_PER_IP).every((status) => status === 401)).toBe(true);
    expect(spray.slice(SIGN_IN_PER_IP)).toEqual([429, 429]);

    expect((await new GatewayClient(stack.gateway.url).withIp('203.0.113.12').signIn(email, password)).status).toBe(200);
    await settle();
    expect(await mailpit.messagesTo(email)).toHaveLength(1);
  });
});
