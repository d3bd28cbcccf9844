import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { loadConfig } from '@hub/config';
import { createContactImportSchema, topicOf, type EventEnvelope, type SubscriptionConfirmedPayload, type SubscriptionRequestedPayload } from '@hub/contracts';
import { KafkaTopicReader, TestRun, waitFor } from '@hub/testing';
import { audienceConfigSchema } from '../../../apps/audience/src/audience.config';
import { AudienceModule } from '../../../apps/audience/src/audience.module';
import { ContactImportsService } from '../../../apps/audience/src/contact-imports/contact-imports.service';
import { ContactsService } from '../../../apps/audience/src/contacts/contacts.service';
import { MailingListsService } from '../../../apps/audience/src/mailing-lists/mailing-lists.service';
import { ContactAddress } from '../../../apps/audience/src/subscriptions/contact-address.schema';
import { ContactRepository } from '../../../apps/audience/src/subscriptions/contact.repository';
import { Contact } from '../../../apps/audience/src/subscriptions/contact.schema';
import { InProcessApp, startInProcess } from '../../support/in-process-app';

jest.setTimeout(120_000);

/**
 * The import writes its rows in chunks (three rows here, a thousand by default), two chunks at a time: what one row
 * is must not depend on which chunk it falls in. Audience in this process against the real FerretDB and Kafka.
 */
describe('audience: a CSV import written chunk by chunk', () => {
  const run = new TestRun();
  const networkId = randomUUID();
  let audience: InProcessApp;
  let imports: ContactImportsService;
  let contacts: Model<Contact>;
  let confirmed: KafkaTopicReader;
  let requested: KafkaTopicReader;

  beforeAll(async () => {
    audience = await startInProcess(AudienceModule.forRoot(loadConfig(audienceConfigSchema, run.env({ CONTACT_IMPORT_CHUNK_ROWS: '3' }))));
    imports = audience.app.get(ContactImportsService);
    contacts = audience.app.get<Model<Contact>>(getModelToken(Contact.name));
    confirmed = await new KafkaTopicReader(run.stack.kafkaBrokers, topicOf('audience.subscription.confirmed', run.topicPrefix)).start();
    requested = await new KafkaTopicReader(run.stack.kafkaBrokers, topicOf('audience.subscription.requested', run.topicPrefix)).start();
  });

  afterAll(async () => {
    await confirmed?.stop();
    await requested?.stop();
    await audience?.close();
    await run.cleanup();
  });

  const eventsOf = <P>(reader: KafkaTopicReader) => reader.messages.map((message) => JSON.parse(message.value!) as EventEnvelope<P>);
  const stored = (email: string) => contacts.findOne({ networkId, email }).lean<Contact>().exec();
  const importFile = async (listId: string, lines: string[]) => {
    const job = await imports.create(networkId, createContactImportSchema.parse({ listIds: [listId], consentBasis: 'Deltakerliste 2026', defaultLanguage: 'nb' }));
    return imports.run(networkId, job.id, Readable.from([lines.join('\n')]));
  };

  it('skips a suppressed row inside a chunk, merges a duplicate of an earlier chunk and a known contact, and reports lines', async () => {
    const list = await audience.app.get(MailingListsService).create(networkId, { names: { nb: 'Bitvis' }, optInMode: 'single', isPublic: false, defaultLanguage: 'nb' });
    const people = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'known', 'blocked'].map((name) => [name, run.email(`chunk-${name}`)]));
    const created = audience.app.get(ContactsService);
    const known = await created.create(networkId, { email: people.known, language: 'sv', listIds: [] }, undefined);
    const blocked = await created.create(networkId, { email: people.blocked, language: 'nb', listIds: [] }, undefined);
    await created.block(networkId, blocked.id);

    const report = await importFile(list.id, [
      'email,name,language,role',
      `${people.a},A,nb,`, // line 2, chunk 1
      `${people.blocked},Blocked,nb,`, // line 3, chunk 1: suppressed, between two new rows
      `${people.b},B,nn,`, // line 4, chunk 1
      `${people.known},Known,sv,Adviser`, // line 5, chunk 2: merged into the known contact
      `${people.c},C,sv,`, // line 6, chunk 2
      `${people.a.toUpperCase()},A again,nb,`, // line 7, chunk 2: duplicate of line 2, in chunk 1
      'not-an-address,Bad,nb,', // line 8, chunk 3
      `${people.d},D,da,`, // line 9, chunk 3
      `${people.known},Known again,sv,`, // line 10, chunk 3: duplicate of line 5, in chunk 2
      `${people.e},E,fi,`, // line 11, chunk 4 (the last, not full)
    ]);

    expect(report).toMatchObject({ status: 'done', rows: 10, created: 5, updated: 1, duplicates: 2, suppressed: 1, rejectedTotal: 1, error: null });
    expect(report.rejected.map((row) => [row.line, row.reasons.map((reason) => reason.code)])).toEqual([[8, ['email-invalid']]]);

    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      const contact = (await stored(people[name]))!;
      expect(contact.subscriptions[list.id]).toMatchObject({ status: 'confirmed' });
      expect(contact.consent).toEqual([expect.objectContaining({ action: 'opt-in', method: 'import', basis: 'Deltakerliste 2026', listIds: [list.id] })]);
      // Found by its address entry, as every later subscribe and import looks it up.
      expect((await audience.app.get(ContactRepository).findByEmail(networkId, people[name]))?._id).toBe(contact._id);
    }
    expect((await stored(people.a))!.name).toBe('A');
    const merged = (await stored(people.known))!;
    expect(merged._id).toBe(known.id);
    expect(merged).toMatchObject({ role: 'Adviser', subscriptions: { [list.id]: { status: 'confirmed' } } });
    expect(merged.consent).toEqual([expect.objectContaining({ action: 'opt-in', method: 'import', basis: 'Deltakerliste 2026' })]);
    expect((await stored(people.blocked))!.subscriptions[list.id]).toBeUndefined();
    expect(await contacts.countDocuments({ networkId, email: people.a })).toBe(1);

    // One confirmation event per person written, none for the suppressed address; the outbox emptied behind them.
    const emails = [people.a, people.b, people.c, people.d, people.e, people.known].sort();
    const ofThisList = () => eventsOf<SubscriptionConfirmedPayload>(confirmed).filter((event) => event.payload.listIds.includes(list.id));
    await waitFor('the confirmation events', () => (ofThisList().length >= emails.length ? true : undefined), { timeoutMs: 30_000 });
    expect(ofThisList().map((event) => event.payload.email).sort()).toEqual(emails);
    await waitFor('the emptied outboxes', async () => ((await contacts.countDocuments({ networkId, 'outbox.0': { $exists: true } })) === 0 ? true : undefined), { timeoutMs: 30_000 });
  });

  it('stops at a row it cannot read: the chunks written before count, nothing after is written', async () => {
    const list = await audience.app.get(MailingListsService).create(networkId, { names: { nb: 'Avbrutt' }, optInMode: 'single', isPublic: false, defaultLanguage: 'nb' });
    const people = Array.from({ length: 7 }, (_, i) => run.email(`stopped-${i}`));
    const job = await imports.create(networkId, createContactImportSchema.parse({ listIds: [list.id], consentBasis: 'Deltakerliste 2026', defaultLanguage: 'nb' }));
    // UTF-8 with non-ASCII names for two full chunks and one row more, then a line saved as Windows-1252.
    const utf8 = Buffer.from(['email,name,language', ...people.map((email, i) => `${email},Åse ${i},nb`)].join('\n') + '\n', 'utf8');
    async function* file() {
      yield utf8;
      // The bad line arrives once the two full chunks are stored, as in a large file whose end is still on its way.
      await waitFor('the first two chunks', async () => ((await contacts.countDocuments({ networkId, email: { $in: people } })) >= 6 ? true : undefined));
      yield Buffer.from('P\xe5l,x\n', 'latin1');
    }
    const report = await imports.run(networkId, job.id, Readable.from(file()));
    expect(report).toMatchObject({ status: 'failed', rows: 6, created: 6 });
    expect(report.error).toMatch(/not after it; save it again as UTF-8; the import stopped after 6 rows; the rows before were imported/);
    expect(await contacts.countDocuments({ networkId, email: { $in: people.slice(0, 6) } })).toBe(6);
    expect(await stored(people[6])).toBeNull();
  });

  it('into a double opt-in list: new people are inserted without an opt-in, then asked to confirm', async () => {
    const list = await audience.app.get(MailingListsService).create(networkId, { names: { nb: 'Dobbel' }, optInMode: 'double', isPublic: false, defaultLanguage: 'nb' });
    const people = [run.email('double-1'), run.email('double-2'), run.email('double-3'), run.email('double-4')];
    const report = await importFile(list.id, ['email,name,language', ...people.map((email, i) => `${email},Person ${i},nb`)]);
    expect(report).toMatchObject({ status: 'done', rows: 4, created: 4, rejectedTotal: 0 });
    for (const email of people) {
      const contact = (await stored(email))!;
      expect(contact.subscriptions[list.id]).toMatchObject({ status: 'pending' });
      expect(contact.consent).toEqual([expect.objectContaining({ action: 'opt-in-requested', method: 'import', listIds: [list.id] })]);
    }
    const asked = () => eventsOf<SubscriptionRequestedPayload>(requested).filter((event) => event.payload.lists.some((entry) => entry.id === list.id));
    await waitFor('the double opt-in requests', () => (asked().length >= people.length ? true : undefined), { timeoutMs: 30_000 });
    expect(asked().map((event) => event.payload.email).sort()).toEqual([...people].sort());
  });

  it('merges a known contact whose address entry is missing (refused by the unique index) and repairs the entry', async () => {
    const list = await audience.app.get(MailingListsService).create(networkId, { names: { nb: 'Reparert' }, optInMode: 'single', isPublic: false, defaultLanguage: 'nb' });
    const [lost, fresh] = [run.email('entry-lost'), run.email('entry-fresh')];
    const known = await audience.app.get(ContactsService).create(networkId, { email: lost, language: 'nb', listIds: [] }, undefined);
    // As a crash between the contact's write and its entry's leaves it: the import's read of known addresses misses it.
    const addresses = audience.app.get<Model<ContactAddress>>(getModelToken(ContactAddress.name));
    expect((await addresses.deleteMany({ contactId: known.id }).exec()).deletedCount).toBe(1);

    const report = await importFile(list.id, ['email,name,language,role', `${fresh},Fresh,nb,`, `${lost},Lost,nb,Planner`]);

    expect(report).toMatchObject({ status: 'done', rows: 2, created: 1, updated: 1, rejectedTotal: 0 });
    expect(await contacts.countDocuments({ networkId, email: lost })).toBe(1);
    expect(await stored(lost)).toMatchObject({ _id: known.id, role: 'Planner', subscriptions: { [list.id]: { status: 'confirmed' } } });
    expect((await audience.app.get(ContactRepository).findByEmail(networkId, lost))?._id).toBe(known.id);
  });
});
