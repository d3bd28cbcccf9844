import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { loadConfig } from '@hub/config';
import { topicOf, type EventEnvelope, type SubscriptionRequestedPayload } from '@hub/contracts';
import { DEMO_MAILING_LISTS, DEMO_NETWORKS } from '@hub/demo-data';
import { KafkaTopicReader, TestRun, waitFor } from '@hub/testing';
import { audienceConfigSchema } from '../../../apps/audience/src/audience.config';
import { AudienceModule } from '../../../apps/audience/src/audience.module';
import { ProofHashes } from '../../../apps/audience/src/consent/proof-hashes';
import { MailingListRepository } from '../../../apps/audience/src/mailing-lists/mailing-list.repository';
import { ConfirmationRequest } from '../../../apps/audience/src/subscriptions/confirmation-request.schema';
import { ContactAddress } from '../../../apps/audience/src/subscriptions/contact-address.schema';
import { Contact } from '../../../apps/audience/src/subscriptions/contact.schema';
import { ListNotFoundError } from '../../../apps/audience/src/subscriptions/subscription.errors';
import { SubscriptionsService } from '../../../apps/audience/src/subscriptions/subscriptions.service';
import { InProcessApp, startInProcess } from '../../support/in-process-app';

jest.setTimeout(120_000);

const network = DEMO_NETWORKS.find((n) => n.slug === 'klimatkommunerna')!;
const list = DEMO_MAILING_LISTS.find((l) => l.networkId === network.id)!;
const otherNetworkList = DEMO_MAILING_LISTS.find((l) => l.networkId !== network.id)!;
const RESEND_MINUTES = 10;

/**
 * What one public subscribe writes, with audience in this process against the real FerretDB and Kafka: a new address
 * is one complete insert (pending state, consent line and event together) with no confirmation claim; concurrent and
 * repeated requests still make one contact and one confirmation per resend window; lists are checked by id.
 */
describe('audience: the writes of a public subscribe', () => {
  const run = new TestRun();
  let audience: InProcessApp;
  let service: SubscriptionsService;
  let contacts: Model<Contact>;
  let requested: KafkaTopicReader;

  beforeAll(async () => {
    audience = await startInProcess(AudienceModule.forRoot(loadConfig(audienceConfigSchema, run.env({ CONFIRMATION_RESEND_MINUTES: String(RESEND_MINUTES) }))));
    service = audience.app.get(SubscriptionsService);
    contacts = audience.app.get<Model<Contact>>(getModelToken(Contact.name));
    requested = await new KafkaTopicReader(run.stack.kafkaBrokers, topicOf('audience.subscription.requested', run.topicPrefix)).start();
  });

  afterAll(async () => {
    await requested?.stop();
    await audience?.close();
    await run.cleanup();
  });

  const requestsFor = (contactId: string) =>
    requested.messages.map((message) => JSON.parse(message.value!) as EventEnvelope<SubscriptionRequestedPayload>).filter((event) => event.payload.contactId === contactId);

  const subscribe = (email: string, now?: Date) =>
    service.subscribe(network.id, { email, language: 'sv', listIds: [list.id], source: { method: 'form', wordingId: 'subscribe-form/v1', ip: '198.51.100.7' } }, now);

  const settle = () => new Promise((resolve) => setTimeout(resolve, 2_000));

  it('stores a new address pending in one write, with its consent line, address entry and event, and no claim', async () => {
    const email = run.email('one-write');
    const now = new Date();
    expect(await subscribe(email, now)).toEqual({ status: 'accepted' });

    const contact = (await contacts.findOne({ networkId: network.id, email }).lean<Contact>())!;
    const subscription = contact.subscriptions[list.id];
    expect(subscription).toMatchObject({ status: 'pending', requestedAt: now, confirmedAt: null });
    expect(contact.lastConfirmationSentAt).toEqual(now);
    expect(contact.consent).toEqual([
      { at: now, action: 'opt-in-requested', listIds: [list.id], method: 'form', wordingId: 'subscribe-form/v1', ipHash: audience.app.get(ProofHashes).ip('198.51.100.7'), basis: null },
    ]);
    const entry = await audience.app.get<Model<ContactAddress>>(getModelToken(ContactAddress.name)).findById(audience.app.get(ProofHashes).address(network.id, email)).lean();
    expect(entry?.contactId).toBe(contact._id);
    const claims = audience.app.get<Model<ConfirmationRequest>>(getModelToken(ConfirmationRequest.name));
    expect(await claims.countDocuments({ contactId: contact._id })).toBe(0);

    const [event] = await waitFor('the request event', async () => (requestsFor(contact._id).length > 0 ? requestsFor(contact._id) : undefined));
    expect(event.payload).toMatchObject({ email, requestId: subscription.requestId, language: 'sv', lists: [{ id: list.id, name: expect.any(String) }] });
    await waitFor('the outbox to be emptied', async () => ((await contacts.findById(contact._id).lean<Contact>())?.outbox.length === 0 ? true : undefined));
  });

  it('makes one contact and one confirmation of concurrent subscribes of a new address, none more in the resend window, one after it', async () => {
    const email = run.email('burst');
    const now = new Date();
    await Promise.all(Array.from({ length: 12 }, () => subscribe(email, now)));
    expect(await contacts.countDocuments({ networkId: network.id, email })).toBe(1);
    const contact = (await contacts.findOne({ networkId: network.id, email }).lean<Contact>())!;
    await waitFor('the request event', async () => (requestsFor(contact._id).length > 0 ? true : undefined));

    await subscribe(email, new Date(now.getTime() + (RESEND_MINUTES - 1) * 60_000));
    await settle();
    expect(requestsFor(contact._id)).toHaveLength(1);

    await subscribe(email, new Date(now.getTime() + (RESEND_MINUTES + 1) * 60_000));
    await waitFor('the resent request', async () => (requestsFor(contact._id).length === 2 ? true : undefined));
    await settle();
    expect(requestsFor(contact._id)).toHaveLength(2);
    const stored = (await contacts.findById(contact._id).lean<Contact>())!;
    expect(stored.consent.map((entry) => entry.action)).toEqual(['opt-in-requested', 'opt-in-requested']);
  });

  it('refuses, naming them, lists that are private, archived or another network’s, and writes nothing', async () => {
    const lists = audience.app.get(MailingListRepository);
    const base = { networkId: network.id, names: { sv: 'Intern', en: 'Internal' }, descriptions: {}, optInMode: 'double' as const, defaultLanguage: 'sv' as const };
    const privateId = `private-${run.id}`;
    const archivedId = `archived-${run.id}`;
    await lists.create({ ...base, _id: privateId, isPublic: false, archivedAt: null });
    await lists.create({ ...base, _id: archivedId, isPublic: true, archivedAt: new Date() });

    for (const listId of [privateId, archivedId, otherNetworkList.id]) {
      const email = run.email(`refused-${listId.slice(0, 8)}`);
      const refused = service.subscribe(network.id, { email, language: 'sv', listIds: [list.id, listId] });
      await expect(refused).rejects.toBeInstanceOf(ListNotFoundError);
      await expect(refused).rejects.toThrow(listId);
      expect(await contacts.countDocuments({ networkId: network.id, email })).toBe(0);
    }
  });
});
