import { ContactPage, EventEnvelope, MessageBouncedPayload, SubscribeResponse, topicOf } from '@hub/contracts';
import { InternalApiClient } from '@hub/http';
import { DEMO_MAILING_LISTS, DEMO_NETWORKS } from '@hub/demo-data';
import { KafkaTopicReader, MailpitClient, MailpitMessage, TestRun, waitFor } from '@hub/testing';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { signWebhook } from '../../../apps/gateway/src/delivery-webhooks/webhook-signature';
import { GatewayClient } from '../../support/gateway-client';
import { HubProcesses } from '../../support/hub-processes';

jest.setTimeout(180_000);

const network = DEMO_NETWORKS.find((n) => n.slug === 'klimatkommunerna')!;
const list = DEMO_MAILING_LISTS.find((l) => l.networkId === network.id)!;
const [owner] = DEMO_COORDINATORS;
const WEBHOOK_SECRET = 'test-delivery-webhook-secret-of-32-chars';

/**
 * Bounces and complaints reported by HTTP: through the gateway's signed webhook to delivery, then to audience as
 * suppressions; gateway, audience and delivery run as processes from the build, on the real stack.
 */
describe('gateway: the delivery feedback webhook', () => {
  const run = new TestRun();
  const mailpit = new MailpitClient(run.stack.mailpitUrl);
  const hub = new HubProcesses(run);
  let gatewayUrl: string;
  let coordinator: GatewayClient;
  let bounced: KafkaTopicReader;
  let complained: KafkaTopicReader;

  beforeAll(async () => {
    await hub.start(['audience', 'delivery', 'gateway'], {
      BOUNCE_DOMAIN: 'bounce.hub.test',
      BOUNCE_SIGNING_SECRET: 'test-bounce-signing-secret-of-32-characters',
      BOUNCE_SMTP_PORT: '0',
      DELIVERY_WEBHOOK_SECRET: WEBHOOK_SECRET,
    });
    gatewayUrl = hub.url('gateway');
    coordinator = new GatewayClient(gatewayUrl);
    expect((await coordinator.signIn(owner.email, owner.password)).status).toBe(200);
    bounced = await new KafkaTopicReader(run.stack.kafkaBrokers, topicOf('delivery.message.bounced', run.topicPrefix)).start();
    complained = await new KafkaTopicReader(run.stack.kafkaBrokers, topicOf('delivery.message.complained', run.topicPrefix)).start();
  });

  afterAll(async () => {
    await Promise.allSettled([bounced?.stop(), complained?.stop()]);
    await hub.stopAll();
    await run.cleanup();
  });

  /** Straight to audience: this test is about the webhook, not the sign-up form. */
  const subscribe = (email: string) =>
    new InternalApiClient('audience', hub.url('audience'), run.env().INTERNAL_API_SECRET).request<SubscribeResponse>('POST', `/internal/networks/${network.id}/subscriptions`, {
      email,
      language: 'nb',
      listIds: [list.id],
    });

  const suppressionOf = async (email: string) => {
    const page = (await (await coordinator.request('GET', `/api/v1/contacts?q=${encodeURIComponent(email)}`)).json()) as ContactPage;
    return page.items.find((contact) => contact.email === email)?.suppression ?? null;
  };

  const eventsAbout = <T>(reader: KafkaTopicReader, recipient: string) =>
    reader.messages.map((m) => JSON.parse(m.value!) as EventEnvelope<T & { recipient: string }>).filter((event) => event.payload.recipient === recipient);

  const post = (body: unknown, signature?: string) => {
    const raw = JSON.stringify(body);
    return fetch(`${gatewayUrl}/api/v1/webhooks/delivery-feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature': signature ?? signWebhook(WEBHOOK_SECRET, raw) },
      body: raw,
    });
  };

  it('records a bounce named by Message-ID once, and a complaint named by the return-path token', async () => {
    const email = run.email('webhook');
    expect(await subscribe(email)).toEqual({ status: 'accepted' });
    const [message] = await mailpit.waitForMessagesTo(email, 1);
    const bounce = { type: 'bounce', messageId: `<${message.MessageID}>`, recipient: email, status: '5.1.1', diagnostic: '550 5.1.1 no such user', occurredAt: new Date().toISOString() };
    const first = await post(bounce);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ outcome: 'recorded' });
    expect(await (await post(bounce)).json()).toEqual({ outcome: 'duplicate' });
    await waitFor('the address to be suppressed', async () => ((await suppressionOf(email)) === 'hard-bounce' ? true : undefined));

    const returnPath = (message as MailpitMessage & { ReturnPath: string }).ReturnPath;
    const token = /^bounces\+([a-z2-7]+)@/.exec(returnPath)![1];
    const complaint = await post({ type: 'complaint', deliveryToken: token, recipient: email, feedbackType: 'abuse', occurredAt: new Date().toISOString() });
    expect(await complaint.json()).toEqual({ outcome: 'recorded' });
    await waitFor('the complaint event', async () => (eventsAbout(complained, email).length === 1 ? true : undefined));
    expect(eventsAbout<MessageBouncedPayload>(bounced, email).map((event) => event.payload)).toEqual([expect.objectContaining({ hard: true, status: '5.1.1', via: 'webhook' })]);
  });

  it('answers 401 to a missing, wrong or stale signature, 400 naming the field, 404 for an unknown message', async () => {
    const body = { type: 'bounce', messageId: '<nobody-sent-this@hub.test>', recipient: run.email('none'), hard: true, occurredAt: new Date().toISOString() };
    expect((await post(body, '')).status).toBe(401);
    expect((await post(body, signWebhook('a-different-secret-of-32-characters-long', JSON.stringify(body)))).status).toBe(401);
    expect((await post(body, signWebhook(WEBHOOK_SECRET, JSON.stringify(body), new Date(Date.now() - 6 * 60_000)))).status).toBe(401);
    const { recipient: _omitted, ...withoutRecipient } = body;
    const invalid = await post(withoutRecipient);
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { fields: unknown }).fields).toEqual([expect.objectContaining({ field: 'recipient' })]);
    expect((await post({ ...body, hard: undefined })).status).toBe(400);
    expect((await post(body)).status).toBe(404);
  });
});
