import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model, QueryFilter } from 'mongoose';
import { randomUUID } from 'node:crypto';
import type { EventEnvelope, Language } from '@hub/contracts';
import { OutboxRelay } from '@hub/messaging';
import { Coalescer, IDS_PER_LOOKUP, insertEach, isInserted, isDuplicateKeyError, Repository, retryWhileBusy, scopedToNetwork, updateBatches } from '@hub/persistence';
import type { ConsentEntry } from '../consent/consent-entry';
import { ProofHashes } from '../consent/proof-hashes';
import { ContactAddress } from './contact-address.schema';
import { Contact, ListSubscription } from './contact.schema';

/** One change of a contact: fields, subscriptions, consent lines and events, written as one update. */
export interface ContactChange {
  set?: Partial<Pick<Contact, 'name' | 'language' | 'lastConfirmationSentAt' | 'organisationId' | 'role' | 'attributes'>>;
  subscriptions?: Record<string, Partial<ListSubscription>>;
  consent?: ConsentEntry[];
  events?: EventEnvelope[];
}

@Injectable()
export class ContactRepository extends Repository<Contact> {
  /**
   * Concurrent sign-ups' new contacts and address entries go in one insert request each (a round trip, a socket write
   * and a FerretDB transaction saved per sign-up), as the driver's insert: the documents are complete, and mongoose's
   * casting is CPU on the hottest public path. True where inserted; false where the unique key was taken.
   */
  private readonly newContacts = new Coalescer<Contact & { createdAt: Date; updatedAt: Date }, boolean>((documents) => this.relay.insertWithBatch(this.model, documents), { maxBatch: 100 });
  private readonly newAddresses = new Coalescer<ContactAddress, boolean>((entries) => insertEach(this.addresses, entries), { maxBatch: 100 });

  constructor(
    @InjectModel(Contact.name) model: Model<Contact>,
    @InjectModel(ContactAddress.name) private readonly addresses: Model<ContactAddress>,
    private readonly hashes: ProofHashes,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
    // Every write of a contact with events names them to the relay; a sweep scans every contact on FerretDB, a cost
    // that grows with the audience (17 sweeps of the contacts during a 20 s subscribe burst, measured).
    relay.watch(model, { rareSweeps: true, batches: true });
  }

  findById(id: string): Promise<Contact | null> {
    return this.model.findById(id).lean<Contact>().exec();
  }

  findInNetwork(networkId: string, id: string): Promise<Contact | null> {
    return this.model.findOne(scopedToNetwork(networkId, { _id: id })).lean<Contact>().exec();
  }

  /** By the address entry's `_id` (fast on FerretDB); by a scan only when the entry is missing, which repairs it. */
  async findByEmail(networkId: string, email: string): Promise<Contact | null> {
    const entry = await this.addresses.findById(this.hashes.address(networkId, email)).lean<ContactAddress>().exec();
    const contact = entry ? await this.model.findById(entry.contactId).lean<Contact>().exec() : null;
    if (contact?.networkId === networkId && contact.email === email) return contact;
    return null;
  }

  /**
   * The network's contacts of these addresses, by address, read as findByEmail reads one: address entries, then
   * contacts, each by `_id: {$in}` (two queries per IDS_PER_LOOKUP addresses instead of two per address). An address
   * whose entry is missing is simply not in the answer.
   */
  async findByEmails(networkId: string, emails: string[]): Promise<Map<string, Contact>> {
    const found = new Map<string, Contact>();
    for (let start = 0; start < emails.length; start += IDS_PER_LOOKUP) {
      const wanted = new Set(emails.slice(start, start + IDS_PER_LOOKUP));
      const entries = await this.addresses.find({ _id: { $in: [...wanted].map((email) => this.hashes.address(networkId, email)) } }).lean<ContactAddress[]>().exec();
      // An empty `$in` gives FerretDB no _id to look up, and it scans the whole collection instead (a new list's
      // import: a scan of every contact per chunk).
      if (entries.length === 0) continue;
      const contacts = await this.model.find({ _id: { $in: [...new Set(entries.map((entry) => entry.contactId))] } }).lean<Contact[]>().exec();
      for (const contact of contacts) if (contact.networkId === networkId && wanted.has(contact.email)) found.set(contact.email, contact);
    }
    return found;
  }

  /** Returns the network's contact for the address, creating it if there is none; safe under concurrent calls. */
  async findOrCreate(networkId: string, email: string, details: { name: string | null; language: Language }): Promise<Contact> {
    const existing = await this.findByEmail(networkId, email);
    if (existing) return existing;
    try {
      const created = (await this.model.create({ _id: randomUUID(), networkId, email, ...details, subscriptions: {}, consent: [], outbox: [] })).toObject();
      await this.indexAddresses([created]);
      return created;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // Another request created it first, or an address entry is missing (a crash between the two writes).
      const winner = await this.model.findOne(scopedToNetwork(networkId, { email })).lean<Contact>().exec();
      if (!winner) throw error;
      await this.indexAddresses([winner]);
      return winner;
    }
  }

  /**
   * Inserts a contact that does not exist yet, complete (state, consent, outbox) in one write, then its address entry.
   * False, and nothing written, when the address has its contact already (the unique index on network and address):
   * created before, or a moment ago by a concurrent request.
   */
  async insertNew(contact: Contact, now: Date): Promise<boolean> {
    if (!(await retryWhileBusy(() => this.newContacts.call({ ...contact, createdAt: now, updatedAt: now })))) return false;
    const entry = { _id: this.hashes.address(contact.networkId, contact.email), contactId: contact._id };
    if (!(await retryWhileBusy(() => this.newAddresses.call(entry)))) await this.replaceAddresses([entry]);
    return true;
  }

  /**
   * Inserts new contacts in one round trip, each a complete single-document write (state, consent), their events in
   * one outbox batch. Returns the addresses that lost a race to a concurrent insert (unique index), for the caller to
   * merge instead.
   */
  async insertMany(contacts: Contact[], now = new Date()): Promise<Set<string>> {
    if (contacts.length === 0) return new Set();
    const stored = await this.relay.insertWithBatch(this.model, contacts.map((contact) => ({ ...contact, createdAt: now, updatedAt: now })));
    const raced = new Set(contacts.filter((_, index) => !isInserted(stored[index])).map((contact) => contact.email));
    const inserted = raced.size > 0 ? contacts.filter((contact) => !raced.has(contact.email)) : contacts;
    await this.indexAddresses(inserted);
    return raced;
  }

  async apply(contactId: string, change: ContactChange): Promise<void> {
    await this.model.updateOne({ _id: contactId }, updateOf(change)).exec();
    if (change.events?.length) this.relay.nudge(this.model, contactId, change.events);
  }

  /** Many contacts' changes, each still one single-document update, sent a few per request (see updateBatches). */
  async applyEach(changes: Array<{ contactId: string; change: ContactChange }>): Promise<void> {
    for (const batch of updateBatches(changes)) {
      try {
        await this.model.bulkWrite(
          batch.map(({ contactId, change }) => ({ updateOne: { filter: { _id: contactId }, update: updateOf(change) as never } })),
          { ordered: false },
        );
      } catch (error) {
        // Which of them were written is not known here: the relay reads each one for what it holds.
        for (const { contactId, change } of batch) if (change.events?.length) this.relay.nudge(this.model, contactId);
        throw error;
      }
      for (const { contactId, change } of batch) if (change.events?.length) this.relay.nudge(this.model, contactId, change.events);
    }
  }

  /** One page of the filter, in id order, and how many match in all. */
  async page(networkId: string, filter: Record<string, unknown>, cursor: string | undefined, limit: number): Promise<{ items: Contact[]; total: number }> {
    const scoped = scopedToNetwork(networkId, filter) as QueryFilter<Contact>;
    const [items, total] = await Promise.all([
      this.model
        .find(cursor ? ({ ...scoped, _id: { $gt: cursor } } as QueryFilter<Contact>) : scoped)
        .sort({ _id: 1 })
        .limit(limit)
        .lean<Contact[]>()
        .exec(),
      this.model.countDocuments(scoped).exec(),
    ]);
    return { items, total };
  }

  /**
   * Every contact of the filter through one database cursor, in no particular order: one scan in all, where paging
   * in id order costs a scan and a sort per page on FerretDB (minutes at 10 000 contacts).
   */
  streamMatching(networkId: string, filter: Record<string, unknown>, batchSize: number): AsyncIterable<Contact> {
    return this.model
      .find(scopedToNetwork(networkId, filter) as QueryFilter<Contact>, { consent: 0, outbox: 0 })
      .lean<Contact>()
      .batchSize(batchSize)
      .cursor();
  }

  async delete(contact: Contact): Promise<void> {
    await this.model.deleteOne(scopedToNetwork(contact.networkId, { _id: contact._id })).exec();
    await this.addresses.deleteOne({ _id: this.hashes.address(contact.networkId, contact.email) }).exec();
  }

  /**
   * Points each address at its contact. Inserted (one round trip for a page: an upsert is a read and a write on
   * FerretDB); an entry that exists already, stale after a crash or erasure, is replaced.
   */
  private async indexAddresses(contacts: Contact[]): Promise<void> {
    if (contacts.length === 0) return;
    const entries = contacts.map((contact) => ({ _id: this.hashes.address(contact.networkId, contact.email), contactId: contact._id }));
    const stored = await insertEach(this.addresses, entries);
    await this.replaceAddresses(entries.filter((_, index) => !stored[index].ok || !stored[index].value));
  }

  /** Entries that exist already, stale after a crash or an erasure: replaced. */
  private async replaceAddresses(existing: ContactAddress[]): Promise<void> {
    // Small requests: a large update command deadlocks FerretDB (see updateBatches).
    for (const batch of updateBatches(existing)) {
      try {
        await this.addresses.bulkWrite(
          batch.map((entry) => ({ replaceOne: { filter: { _id: entry._id }, replacement: entry, upsert: true } })),
          { ordered: false },
        );
      } catch (error) {
        // Two requests for one address upserted its entry at once; the loser's insert collides with the winner's.
        // Both point at the same contact (one contact per address is itself a unique index), so it is written.
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
  }
}

/** The update of one change: fields and subscription fields set, consent lines and events appended. */
function updateOf(change: ContactChange): Record<string, unknown> {
  const set: Record<string, unknown> = { ...change.set };
  for (const [listId, subscription] of Object.entries(change.subscriptions ?? {})) {
    for (const [field, value] of Object.entries(subscription)) set[`subscriptions.${listId}.${field}`] = value;
  }
  const push: Record<string, unknown> = {};
  if (change.consent?.length) push.consent = { $each: change.consent };
  if (change.events?.length) push.outbox = { $each: change.events };
  return { ...(Object.keys(set).length > 0 && { $set: set }), ...(Object.keys(push).length > 0 && { $push: push }) };
}
