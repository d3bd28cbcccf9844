import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { topicOf } from '@hub/contracts';
import { InternalApiClient } from '@hub/http';
import { KafkaTopicReader, MailpitClient, TestRun, waitFor } from '@hub/testing';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { GatewayClient } from '../../support/gateway-client';
import { HubProcesses } from '../../support/hub-processes';
import { startSlowly } from './start-slowly';

jest.setTimeout(300_000);

const [ownerDemo, coordinatorDemo] = DEMO_COORDINATORS;
const CONSENT = 'Signed up on paper at the network meeting';

interface View {
  id: string;
  state: string;
  audienceFilter: unknown;
}
interface Statistics {
  recipients: number;
  delivered: number;
  unsubscribed: number;
  audienceFilter: unknown;
}
interface Envelope {
  id: string;
  networkId: string;
  payload: { contactId: string; sendId?: string };
}

/**
 * A send narrowed by the contacts' profile, and "unsubscribed through this newsletter", on the real hub: gateway,
 * audience, campaigns and delivery as processes, Kafka, FerretDB, Redis and Mailpit.
 */
describe('newsletters: a narrowed audience, and who left through the copy', () => {
  const run = new TestRun();
  const hub = new HubProcesses(run);
  const mailpit = new MailpitClient(run.stack.mailpitUrl);
  let coordinator: GatewayClient;
  let mongo: MongoClient;
  let unsubscribed: KafkaTopicReader | undefined;
  const lists = {} as Record<'a' | 'b' | 'other', string>;
  const orgA = `org-${run.id}-a`;
  const orgB = `org-${run.id}-b`;
  const contacts = {} as Record<string, string>;
  let newsletterId = '';

  const json = async <T>(response: Promise<Response>, status = 200): Promise<T> => {
    const answer = await response;
    const text = await answer.text();
    if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  const newList = async (name: string) =>
    (await json<{ id: string }>(coordinator.request('POST', '/api/v1/lists', { names: { sv: name }, defaultLanguage: 'sv', isPublic: true, optInMode: 'single' }), 201)).id;
  const newContact = async (local: string, listIds: string[], organisationId: string | null, consentBasis: string | null = CONSENT) => {
    const body = { email: run.email(local), language: 'sv', listIds, ...(organisationId && { organisationId }), ...(consentBasis && { consentBasis }) };
    contacts[local] = (await json<{ id: string }>(coordinator.request('POST', '/api/v1/contacts', body), 201)).id;
  };
  const statisticsOf = (id: string) => json<Statistics>(coordinator.request('GET', `/api/v1/newsletters/${id}/statistics`));
  const copiesTo = async (local: string) => (await mailpit.messagesTo(run.email(local))).filter((message) => message.Subject.endsWith('N1'));
  /** The link as the email has it, at this run's gateway instead of the public host. */
  const atGateway = (link: string) => {
    const url = new URL(link);
    return `${hub.url('gateway')}${url.pathname}${url.search}`;
  };
  const oneClick = (link: string) =>
    fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });

  beforeAll(async () => {
    await startSlowly(hub, ['gateway', 'audience', 'campaigns', 'delivery'], { SEND_SWEEP_INTERVAL_SECONDS: '1' });
    mongo = await MongoClient.connect(run.stack.mongoUrl);
    const owner = new GatewayClient(hub.url('gateway'));
    coordinator = new GatewayClient(hub.url('gateway'));
    expect((await owner.signIn(ownerDemo.email, ownerDemo.password)).status).toBe(200);
    expect((await coordinator.signIn(coordinatorDemo.email, coordinatorDemo.password)).status).toBe(200);
    await json(owner.request('PATCH', '/api/v1/network', { sender: { fromName: 'Klimatkommunerna', fromAddress: 'kansliet@klimatkommunerna.example', replyTo: null, postalAddress: 'Box 1, 111 11 Stockholm' } }));
    lists.a = await newList('Nyhetsbrev');
    lists.b = await newList('Energi');
    lists.other = await newList('Annat');
    unsubscribed = await new KafkaTopicReader(run.stack.kafkaBrokers, topicOf('audience.subscription.unsubscribed', run.topicPrefix)).start();
  });

  afterAll(async () => {
    await unsubscribed?.stop();
    await mongo?.close();
    await hub.stopAll();
    await run.cleanup();
  });

  it('sends a newsletter narrowed by organisation to exactly the confirmed, unsuppressed subscribers of that organisation, once each', async () => {
    await newContact('a-on-a', [lists.a], orgA);
    await newContact('a-on-ab', [lists.a, lists.b], orgA);
    await newContact('a-on-b', [lists.b], orgA);
    await newContact('b-on-a', [lists.a], orgB);
    await newContact('none-on-a', [lists.a], null);
    await newContact('a-pending', [lists.a], orgA, null);
    await newContact('a-blocked', [lists.a], orgA);
    await json(coordinator.request('POST', `/api/v1/contacts/${contacts['a-blocked']}/block`));
    await newContact('a-elsewhere', [lists.other], orgA);

    newsletterId = (
      await json<View>(
        coordinator.request('POST', '/api/v1/newsletters', {
          listIds: [lists.a, lists.b],
          issues: { sv: { subject: 'Nyhetsbrev N1', preheader: '', markdown: '# Hej\n\nNyheter N1.' } },
        }),
        201,
      )
    ).id;

    // The console's count preview asks audience the snapshot's own question: the same three, blocked and pending left out.
    const network = await json<{ _id: string }>(coordinator.request('GET', '/api/v1/network'));
    const audience = new InternalApiClient('audience', hub.url('audience'), run.env().INTERNAL_API_SECRET);
    const count = (filter: object | null) => audience.request('POST', `/internal/networks/${network._id}/newsletter-audience/count`, { listIds: [lists.a, lists.b], filter });
    expect(await count({ organisationIds: [orgA] })).toEqual({ recipients: 3 });
    expect(await count(null)).toEqual({ recipients: 5 });

    // Refused, naming the field, and nothing starts: a malformed id, and a misspelt condition that would widen the audience.
    const malformed = await coordinator.request('POST', `/api/v1/newsletters/${newsletterId}/send`, { audienceFilter: { organisationIds: ['not an id'] } });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { fields: Array<{ field: string }> }).fields.map((f) => f.field)).toEqual(['audienceFilter.organisationIds.0']);
    const misspelt = await coordinator.request('POST', `/api/v1/newsletters/${newsletterId}/schedule`, { localTime: '2099-01-01T09:00', audienceFilter: { organisationId: orgA } });
    expect(misspelt.status).toBe(400);
    expect(((await misspelt.json()) as { message: string }).message).toMatch(/^audienceFilter: .*organisationId/);

    // The filter given when scheduling stays when the coordinator then sends at once without one.
    const scheduled = await json<View>(coordinator.request('POST', `/api/v1/newsletters/${newsletterId}/schedule`, { localTime: '2099-01-01T09:00', audienceFilter: { organisationIds: [orgA] } }));
    expect(scheduled).toMatchObject({ state: 'scheduled', audienceFilter: { organisationIds: [orgA] } });
    await json(coordinator.request('POST', `/api/v1/newsletters/${newsletterId}/send`));
    await waitFor(
      'the narrowed send to complete',
      async () => ((await json<View>(coordinator.request('GET', `/api/v1/newsletters/${newsletterId}`))).state === 'completed' ? true : undefined),
      { timeoutMs: 120_000, intervalMs: 500 },
    );

    for (const local of ['a-on-a', 'a-on-ab', 'a-on-b']) expect({ local, copies: (await copiesTo(local)).length }).toEqual({ local, copies: 1 });
    for (const local of ['b-on-a', 'none-on-a', 'a-pending', 'a-blocked', 'a-elsewhere']) expect({ local, copies: (await copiesTo(local)).length }).toEqual({ local, copies: 0 });
    expect(await statisticsOf(newsletterId)).toMatchObject({ recipients: 3, delivered: 3, unsubscribed: 0, audienceFilter: { organisationIds: [orgA] } });
    // Stored on the send itself, which is what a snapshot taken again after a crash reads.
    const send = await mongo.db(`${run.id}_campaigns`).collection('sends').findOne({ _id: newsletterId as never });
    expect(send?.audienceFilter).toEqual({ organisationIds: [orgA] });
  });

  it("counts a one-click unsubscribe from the newsletter's copy once for the send, however often it is posted or its event delivered", async () => {
    const [copy] = await copiesTo('a-on-a');
    const link = atGateway((await mailpit.headers(copy.ID))['List-Unsubscribe'][0].replace(/^<|>$/g, ''));

    // The send named in the signed token cannot be changed: a tampered link is refused and counts nothing.
    const token = new URL(link).searchParams.get('token')!;
    const [body, mac] = token.split('.');
    const wire = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    expect(wire.s).toBe(newsletterId);
    const forged = `${Buffer.from(JSON.stringify({ ...wire, s: 'another-send' })).toString('base64url')}.${mac}`;
    const tampered = new URL(link);
    tampered.searchParams.set('token', forged);
    expect((await oneClick(tampered.toString())).status).toBe(400);

    expect((await oneClick(link)).status).toBe(200);
    await waitFor('the unsubscribe to count for the send', async () => ((await statisticsOf(newsletterId)).unsubscribed === 1 ? true : undefined), { timeoutMs: 60_000, intervalMs: 500 });
    const event = await waitFor('the unsubscribed event', async () =>
      unsubscribed!.messages.map((message) => JSON.parse(message.value!) as Envelope).find((envelope) => envelope.payload.contactId === contacts['a-on-a']),
    );
    expect(event.payload.sendId).toBe(newsletterId);

    // Posted again: the person has already left, nothing changes.
    expect((await oneClick(link)).status).toBe(200);
    // The same event delivered again under a new id (as after a crash between handling and recording it): still one.
    const replayed = { ...event, id: randomUUID() };
    const kafka = new Kafka({ brokers: run.stack.kafkaBrokers.split(','), clientId: 'test-replay', logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    try {
      await producer.send({ topic: topicOf('audience.subscription.unsubscribed', run.topicPrefix), messages: [{ key: contacts['a-on-a'], value: JSON.stringify(replayed) }] });
    } finally {
      await producer.disconnect();
    }
    const processed = mongo.db(`${run.id}_campaigns`).collection('processed_events');
    await waitFor('campaigns to handle the replayed event', async () => ((await processed.findOne({ _id: replayed.id as never })) ? true : undefined), { timeoutMs: 60_000 });
    expect(await statisticsOf(newsletterId)).toMatchObject({ unsubscribed: 1 });
  });

  it('counts leaving through the preferences link of a copy too', async () => {
    const [copy] = await copiesTo('a-on-ab');
    const message = await mailpit.message(copy.ID);
    const preferences = /href="([^"]*\/preferences\?token=[^"]+)"/.exec(message.HTML)![1].replace(/&amp;/g, '&');
    const token = new URL(preferences).searchParams.get('token')!;
    const left = await fetch(`${hub.url('gateway')}/preferences/unsubscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, listId: lists.b }).toString(),
    });
    expect(left.status).toBe(200);
    await waitFor('the preferences unsubscribe to count', async () => ((await statisticsOf(newsletterId)).unsubscribed === 2 ? true : undefined), { timeoutMs: 60_000, intervalMs: 500 });
  });
});
