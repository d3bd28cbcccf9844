import { DEMO_MAILING_LISTS, DEMO_NETWORKS } from '@hub/demo-data';
import { KafkaTopicReader, MailpitClient, TestRun, waitFor } from '@hub/testing';
import { HubProcesses } from '../support/hub-processes';

jest.setTimeout(180_000);

/**
 * One real user action through every part: HTTP (gateway) -> MongoDB (audience, with its outbox) -> Kafka ->
 * BullMQ on Redis (delivery) -> SMTP (Mailpit) -> the link in the email -> the confirmation page.
 * All five services run as real processes built from the source.
 */
describe('walking skeleton: subscribe, receive the confirmation email, confirm', () => {
  const run = new TestRun();
  const hub = new HubProcesses(run);
  const mailpit = new MailpitClient(run.stack.mailpitUrl);
  const network = DEMO_NETWORKS.find((n) => n.slug === 'klimatkommunerna')!;
  const list = DEMO_MAILING_LISTS.find((l) => l.networkId === network.id)!;

  beforeAll(async () => {
    await hub.start();
  });

  afterAll(async () => {
    await hub.stopAll();
    await run.cleanup();
  });

  it('every service is live and ready, and exposes Prometheus metrics', async () => {
    for (const name of ['gateway', 'audience', 'scheduling', 'campaigns', 'delivery'] as const) {
      expect((await fetch(`${hub.url(name)}/health/live`)).status).toBe(200);
      const ready = await fetch(`${hub.url(name)}/health/ready`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { info: Record<string, unknown> }).info).toHaveProperty('mongodb');
    }
    const delivery = await (await fetch(`${hub.url('delivery')}/metrics`)).text();
    expect(delivery).toMatch(/^http_request_duration_seconds_bucket/m);
    expect(delivery).toMatch(/^queue_jobs\{queue="transactional",state="waiting"\}/m);
    expect(delivery).toMatch(/^# TYPE emails_sent_total counter/m);
    expect(delivery).toMatch(/^# TYPE kafka_consumer_lag_messages gauge/m);
  });

  it('refuses a direct call to an internal service without the gateway secret', async () => {
    const response = await fetch(`${hub.url('audience')}/internal/networks/${network.id}/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'x@example.test', language: 'sv', listIds: [list.id] }),
    });
    expect(response.status).toBe(401);
  });

  it('answers bad input with 400 naming the field', async () => {
    const response = await fetch(`${hub.url('gateway')}/api/v1/networks/${network.slug}/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'not-an-address', language: 'sv', listIds: [list.id] }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { fields: Array<{ field: string }> };
    expect(body.fields.map((f) => f.field)).toEqual(['email']);
  });

  it('takes a subscription through every part and confirms it from the link in the email', async () => {
    const email = run.email('anna');
    const correlationId = `walking-skeleton-${run.id}`;
    const requested = await new KafkaTopicReader(run.stack.kafkaBrokers, `${run.topicPrefix}audience.subscription.requested`).start();
    try {
      const response = await fetch(`${hub.url('gateway')}/api/v1/networks/${network.slug}/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-correlation-id': correlationId },
        body: JSON.stringify({ email: email.toUpperCase(), name: 'Anna Lund', language: 'sv', listIds: [list.id] }),
      });
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ status: 'accepted' });

      // The event carries the correlation id of the HTTP request that caused it.
      const event = await waitFor('the subscription.requested event', () => requested.messages[0]);
      expect(JSON.parse(event.value!)).toMatchObject({ type: 'audience.subscription.requested', correlationId, payload: { email } });
    } finally {
      await requested.stop();
    }

    const [message] = await mailpit.waitForMessagesTo(email, 1);
    expect(message.Subject).toBe('Bekräfta din prenumeration');
    expect(message.Text).toContain('Klimatkommunernas nyhetsbrev');
    expect(message.HTML).toContain('<html lang="sv">');
    const link = /https?:\/\/\S+\/subscriptions\/confirm\?token=[^\s&]+&lang=sv/.exec(message.Text)?.[0];
    expect(link).toBeDefined();

    // The link is built on PUBLIC_BASE_URL (the gateway): follow it there.
    const path = link!.replace(/^https?:\/\/[^/]+/, '');
    const page = await fetch(`${hub.url('gateway')}${path}`);
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    expect(pageHtml).toContain('<html lang="sv">');
    const token = /name="token" value="([^"]+)"/.exec(pageHtml)![1];

    const confirm = () =>
      fetch(`${hub.url('gateway')}/subscriptions/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, lang: 'sv' }),
      });
    const confirmed = await confirm();
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('<h1>Prenumerationen är bekräftad</h1>');

    const again = await confirm();
    expect(await again.text()).toContain('<h1>Redan bekräftad</h1>');

    // Subscribing again once confirmed sends nothing more, and the answer is the same.
    const repeat = await fetch(`${hub.url('gateway')}/api/v1/networks/${network.slug}/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, language: 'sv', listIds: [list.id] }),
    });
    expect(repeat.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await mailpit.messagesTo(email)).toHaveLength(1);
  });

  it('subscribes through the HTML form without JavaScript, in the page language', async () => {
    const email = run.email('form');
    const response = await fetch(`${hub.url('gateway')}/networks/${network.slug}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, name: 'Form Person', language: 'en', listIds: list.id }),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<h1>Check your email</h1>');
    const [message] = await mailpit.waitForMessagesTo(email, 1);
    expect(message.Subject).toBe('Confirm your subscription');
  });

  it('shuts every service down cleanly on SIGTERM', async () => {
    for (const name of ['gateway', 'audience', 'scheduling', 'campaigns', 'delivery'] as const) {
      const exit = await hub.kill(name, 'SIGTERM');
      expect({ name, ...exit }).toEqual({ name, code: 0, signal: null });
    }
  });
});
