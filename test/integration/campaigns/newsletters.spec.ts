import { MongoClient } from 'mongodb';
import { DEMO_NETWORKS } from '@hub/demo-data';
import { INTERNAL_SECRET_HEADER } from '@hub/http';
import { KafkaTopicReader, MailpitClient, TestRun, waitFor } from '@hub/testing';
import { LinkTokens } from '../../../apps/audience/src/subscriptions/link-tokens';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { GatewayClient } from '../../support/gateway-client';
import { HubProcesses } from '../../support/hub-processes';
import { startSlowly } from './start-slowly';

jest.setTimeout(300_000);

const network = DEMO_NETWORKS[0]; // Klimatkommunerna: sv then en, Europe/Stockholm
const [ownerDemo, coordinatorDemo] = DEMO_COORDINATORS;
const CONSENT = 'Signed up on paper at the network meeting';

interface View {
  id: string;
  state: string;
}
interface Progress {
  state: string;
  recipients: number;
  sent: number;
  skipped: number;
  remaining: number;
  snapshotComplete: boolean;
}

/**
 * Newsletters through the real hub: gateway, audience, campaigns and delivery as processes, Kafka, FerretDB, Redis and
 * Mailpit. Delivery's bulk rate is held low so a send is slow enough to pause halfway.
 */
describe('newsletters, end to end at Mailpit', () => {
  const run = new TestRun();
  const hub = new HubProcesses(run);
  const mailpit = new MailpitClient(run.stack.mailpitUrl);
  let owner: GatewayClient;
  let coordinator: GatewayClient;
  let mongo: MongoClient;
  const lists = {} as Record<'a' | 'b' | 'private', string>;
  const sent = {} as Record<'public' | 'private', string>;
  let completed: KafkaTopicReader | undefined;

  const json = async <T>(response: Promise<Response>, status = 200): Promise<T> => {
    const answer = await response;
    const text = await answer.text();
    if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  const newList = async (name: string, isPublic: boolean) =>
    (await json<{ id: string }>(coordinator.request('POST', '/api/v1/lists', { names: { sv: name }, defaultLanguage: 'sv', isPublic, optInMode: 'single' }), 201)).id;

  /** With a consent basis, single opt-in lists confirm at once; without one, the person gets a double opt-in and stays pending. */
  const newContact = async (local: string, language: string, listIds: string[], consentBasis: string | null = CONSENT) =>
    (await json<{ id: string }>(coordinator.request('POST', '/api/v1/contacts', { email: run.email(local), language, listIds, ...(consentBasis && { consentBasis }) }), 201)).id;

  const newNewsletter = async (tag: string, listIds: string[]) =>
    (
      await json<View>(
        coordinator.request('POST', '/api/v1/newsletters', {
          listIds,
          issues: {
            sv: { subject: `Nyhetsbrev ${tag}`, preheader: 'Nytt från nätverket', markdown: `# Hej\n\nNyheter ${tag}.` },
            en: { subject: `Newsletter ${tag}`, preheader: 'News from the network', markdown: `# Hello\n\nNews ${tag}.` },
          },
        }),
        201,
      )
    ).id;

  const progressOf = (id: string) => json<Progress>(coordinator.request('GET', `/api/v1/newsletters/${id}/progress`));

  const waitForState = (id: string, state: string, timeoutMs = 120_000) =>
    waitFor(
      `newsletter ${id} ${state}`,
      async () => {
        const view = await json<View>(coordinator.request('GET', `/api/v1/newsletters/${id}`));
        return view.state === state ? view : undefined;
      },
      { timeoutMs, intervalMs: 500 },
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}; progress ${JSON.stringify(await progressOf(id))}\n${hub.logs('campaigns')}\n${hub.logs('delivery')}`);
    });

  const copiesTo = async (local: string, tag: string) => (await mailpit.messagesTo(run.email(local))).filter((message) => message.Subject.endsWith(tag));

  beforeAll(async () => {
    await startSlowly(hub, ['gateway', 'audience', 'campaigns', 'delivery'], { BULK_RATE_PER_SECOND: '2', SEND_SWEEP_INTERVAL_SECONDS: '1' });
    mongo = await MongoClient.connect(run.stack.mongoUrl);
    owner = new GatewayClient(hub.url('gateway'));
    coordinator = new GatewayClient(hub.url('gateway'));
    expect((await owner.signIn(ownerDemo.email, ownerDemo.password)).status).toBe(200);
    expect((await coordinator.signIn(coordinatorDemo.email, coordinatorDemo.password)).status).toBe(200);
    // Every newsletter footer carries the sender's postal address; the change reaches campaigns as a new profile.
    await json(owner.request('PATCH', '/api/v1/network', { sender: { fromName: 'Klimatkommunerna', fromAddress: 'kansliet@klimatkommunerna.example', replyTo: null, postalAddress: 'Box 1, 111 11 Stockholm' } }));
    lists.a = await newList('Nyhetsbrev', true);
    lists.b = await newList('Energi', true);
    lists.private = await newList('Styrgruppen', false);
  });

  afterAll(async () => {
    await completed?.stop();
    await mongo?.close();
    await hub.stopAll();
    await run.cleanup();
  });

  it('previews in each language and test-sends without counting as the send', async () => {
    const id = await newNewsletter('T0', [lists.a]);
    const preview = await waitFor('the network profile to reach campaigns', async () => {
      const response = await coordinator.request('GET', `/api/v1/newsletters/${id}/preview/en`);
      return response.status === 200 ? ((await response.json()) as { subject: string; html: string; text: string }) : undefined;
    });
    expect(preview.subject).toBe('Newsletter T0');
    expect(preview.html).toContain('Box 1, 111 11 Stockholm');
    expect(preview.text).toContain('News T0.');
    expect((await coordinator.request('GET', `/api/v1/newsletters/${id}/preview/fi`)).status).toBe(400);

    await json(coordinator.request('POST', `/api/v1/newsletters/${id}/test-sends`, { addresses: [run.email('tester')], language: 'en' }), 202);
    const [copy] = await mailpit.waitForMessagesTo(run.email('tester'), 1, 60_000);
    expect(copy.Subject).toBe('Newsletter T0');
    expect(await json<View>(coordinator.request('GET', `/api/v1/newsletters/${id}`))).toMatchObject({ state: 'draft' });
    expect(await progressOf(id)).toMatchObject({ recipients: 0, sent: 0 });
  });

  it('sends one copy per confirmed subscriber across overlapping lists, in their language or the fallback, none to the suppressed or unconfirmed', async () => {
    await newContact('sv-a', 'sv', [lists.a]);
    await newContact('en-ab', 'en', [lists.a, lists.b]);
    await newContact('fi-b', 'fi', [lists.b]);
    const blocked = await newContact('blocked-a', 'sv', [lists.a]);
    await json(coordinator.request('POST', `/api/v1/contacts/${blocked}/block`), 200);
    await newContact('pending-a', 'sv', [lists.a], null);

    sent.public = await newNewsletter('T1', [lists.a, lists.b]);
    await json(coordinator.request('POST', `/api/v1/newsletters/${sent.public}/send`));
    await waitForState(sent.public, 'completed');

    expect((await copiesTo('sv-a', 'T1')).map((m) => m.Subject)).toEqual(['Nyhetsbrev T1']);
    expect((await copiesTo('en-ab', 'T1')).map((m) => m.Subject)).toEqual(['Newsletter T1']);
    // Finnish is not written: the network's order (sv, en) decides.
    expect((await copiesTo('fi-b', 'T1')).map((m) => m.Subject)).toEqual(['Nyhetsbrev T1']);
    expect(await copiesTo('blocked-a', 'T1')).toEqual([]);
    expect(await copiesTo('pending-a', 'T1')).toEqual([]);
    const [copy] = await copiesTo('en-ab', 'T1');
    expect((await mailpit.headers(copy.ID))['List-Unsubscribe']?.[0]).toMatch(/^<https?:\/\//);

    const statistics = await json<Record<string, number>>(coordinator.request('GET', `/api/v1/newsletters/${sent.public}/statistics`));
    expect(statistics).toMatchObject({ recipients: 3, delivered: 3, failed: 0, unknown: 0 });
  });

  it('pauses and resumes without a second copy or a missed recipient, and skips who unsubscribed or was suppressed after the start', async () => {
    const people = 30;
    const ids: Array<{ id: string; local: string }> = [];
    for (let i = 0; i < people; i++) ids.push({ id: await newContact(`p${i}`, i % 2 ? 'en' : 'sv', [lists.private]), local: `p${i}` });
    completed = await new KafkaTopicReader(run.stack.kafkaBrokers, `${run.topicPrefix}campaigns.newsletter.completed`).start();

    sent.private = await newNewsletter('T2', [lists.private]);
    await json(coordinator.request('POST', `/api/v1/newsletters/${sent.private}/send`));
    await waitFor('the first copies out', async () => ((await progressOf(sent.private)).sent >= 1 ? true : undefined), { timeoutMs: 60_000, intervalMs: 100 });
    await json(coordinator.request('POST', `/api/v1/newsletters/${sent.private}/pause`));
    expect(await json<View>(coordinator.request('GET', `/api/v1/newsletters/${sent.private}`))).toMatchObject({ state: 'paused' });
    // A copy the worker held at the pause may still arrive; after that, who has none stays without until the resume.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const waiting = [];
    for (const person of ids) if ((await copiesTo(person.local, 'T2')).length === 0) waiting.push(person);
    expect(waiting.length).toBeGreaterThanOrEqual(2);
    const [left, suppressed] = waiting;

    const tokens = new LinkTokens(run.env().LINK_SIGNING_SECRET);
    const token = tokens.signContactLink('unsubscribe', { networkId: network.id, contactId: left.id, listId: lists.private });
    const unsubscribe = await fetch(`${hub.url('audience')}/internal/unsubscribe/one-click`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_SECRET_HEADER]: run.env().INTERNAL_API_SECRET },
      body: JSON.stringify({ token }),
    });
    expect(unsubscribe.status).toBe(200);
    const deliverySuppressions = mongo.db(`${run.id}_delivery`).collection('suppressed_addresses');
    const before = await deliverySuppressions.countDocuments({ reason: { $ne: null } });
    await json(coordinator.request('POST', `/api/v1/contacts/${suppressed.id}/block`));
    await waitFor('campaigns to skip the one who left', async () =>
      (await mongo.db(`${run.id}_campaigns`).collection('send_recipients').findOne({ _id: `${sent.private}:${left.id}` as never }))?.skipped ? true : undefined,
    );
    await waitFor('delivery to know the suppression', async () => ((await deliverySuppressions.countDocuments({ reason: { $ne: null } })) > before ? true : undefined));

    await json(coordinator.request('POST', `/api/v1/newsletters/${sent.private}/resume`));
    await waitForState(sent.private, 'completed');

    for (const person of ids) {
      const copies = await copiesTo(person.local, 'T2');
      const expected = person === left || person === suppressed ? 0 : 1;
      expect({ person: person.local, copies: copies.length }).toEqual({ person: person.local, copies: expected });
    }
    const progress = await progressOf(sent.private);
    expect(progress).toMatchObject({ state: 'completed', recipients: people, sent: people - 2, remaining: 0 });
    const event = await waitFor('the completed event', async () =>
      completed!.messages.map((message) => JSON.parse(message.value!) as { payload: { newsletterId: string } }).find((envelope) => envelope.payload.newsletterId === sent.private),
    );
    expect(event.payload).toMatchObject({ recipients: people, sent: people - 2, skipped: 2, failed: 0, unknown: 0 });
  });

  it('lists only sent newsletters of public lists in the public archive and its feeds', async () => {
    const draft = await newNewsletter('T3', [lists.a]);
    const base = `${hub.url('gateway')}/networks/${network.slug}/newsletters`;
    const page = await (await fetch(base)).text();
    expect(page).toContain('Nyhetsbrev T1');
    expect(page).not.toContain('T2');
    expect(page).not.toContain('T3');
    const atom = await (await fetch(`${base}/feed.atom`)).text();
    expect(atom).toContain(`${sent.public}`);
    expect(atom).not.toContain(sent.private);
    expect(atom).not.toContain(draft);
    const rss = await (await fetch(`${base}/feed.rss`)).text();
    expect(rss).toContain('Nyhetsbrev T1');
    const issue = await fetch(`${base}/${sent.public}`);
    expect(issue.status).toBe(200);
    expect(await issue.text()).toContain('Nyheter T1.');
    expect((await fetch(`${base}/${sent.private}`)).status).toBe(404);
    expect((await fetch(`${base}/${draft}`)).status).toBe(404);
  });
});
