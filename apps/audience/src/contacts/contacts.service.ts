import { Injectable } from '@nestjs/common';
import { CONTACT_ATTRIBUTES_MAX } from '@hub/contracts';
import type { ConsentSource, ContactExport, ContactFilter, ContactPage, ContactView, CreateContact, UpdateContact } from '@hub/contracts';
import { consentEntryView } from '../consent/consent-entry';
import { MailingListRepository } from '../mailing-lists/mailing-list.repository';
import { SuppressionsService } from '../suppressions/suppressions.service';
import { ContactRepository } from '../subscriptions/contact.repository';
import { Contact } from '../subscriptions/contact.schema';
import { AddressSuppressedError, ListNotFoundError } from '../subscriptions/subscription.errors';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';
import { ContactNotFoundError, NotBlockedError, TooManyAttributesError } from './contact.errors';
import { contactQuery, criteriaOfContactFilter } from './contact-query';
import { contactView } from './contact.view';

const COORDINATOR_WORDING = 'coordinator-entry/v1';
const EXPORT_PAGE_SIZE = 500;

/** The coordinators' side of contacts, always within the caller's network. */
@Injectable()
export class ContactsService {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly lists: MailingListRepository,
    private readonly subscriptions: SubscriptionsService,
    private readonly suppressions: SuppressionsService,
  ) {}

  async list(networkId: string, filter: ContactFilter): Promise<ContactPage> {
    const { items, total } = await this.contacts.page(networkId, contactQuery(criteriaOfContactFilter(filter)), filter.cursor, filter.limit);
    const suppressed = await this.suppressions.suppressedAmong(networkId, items.map((contact) => contact.email));
    return {
      items: items.map((contact) => contactView(contact, suppressed.get(contact.email) ?? null)),
      total,
      nextCursor: items.length === filter.limit ? items[items.length - 1]._id : null,
    };
  }

  /** Every contact of the filter, page by page, so an export of any size holds one page in memory at a time. */
  async *everyContact(networkId: string, filter: ContactFilter): AsyncGenerator<ContactView> {
    let cursor: string | undefined;
    do {
      const page = await this.list(networkId, { ...filter, cursor, limit: EXPORT_PAGE_SIZE });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  async get(networkId: string, contactId: string): Promise<ContactView> {
    const contact = await this.find(networkId, contactId);
    return contactView(contact, await this.suppressions.reasonFor(networkId, contact.email));
  }

  /**
   * Adds a person. Lists in single opt-in mode are confirmed at once when a consent basis is stated; every other
   * list gets the double opt-in email. A suppressed address is refused (coordinators may know that, strangers not).
   */
  async create(networkId: string, request: CreateContact, source: ConsentSource | undefined, now = new Date()): Promise<ContactView> {
    const listIds = [...new Set(request.listIds)];
    const lists = (await this.lists.findByIds(networkId, listIds)).filter((list) => !list.archivedAt);
    if (lists.length !== listIds.length) {
      const found = new Set(lists.map((list) => list._id));
      throw new ListNotFoundError(listIds.filter((id) => !found.has(id)));
    }
    if (await this.suppressions.reasonFor(networkId, request.email)) throw new AddressSuppressedError();
    const details = { name: request.name?.trim() || null, language: request.language };
    const contact = await this.contacts.findOrCreate(networkId, request.email, details);
    const profile = { organisationId: request.organisationId, role: request.role, attributes: request.attributes };
    if (Object.values(profile).some((value) => value !== undefined)) await this.update(networkId, contact._id, profile);
    const consentSource = source ?? { method: 'coordinator' as const, wordingId: COORDINATOR_WORDING, ip: null };
    const direct = request.consentBasis ? lists.filter((list) => list.optInMode === 'single') : [];
    const directIds = direct.map((list) => list._id).filter((id) => contact.subscriptions[id]?.status !== 'confirmed');
    if (directIds.length > 0) await this.subscriptions.optIn(contact, directIds, { source: consentSource, basis: request.consentBasis ?? null }, now, details);
    const viaEmail = lists.filter((list) => !direct.includes(list));
    if (viaEmail.length > 0) await this.subscriptions.requestDoubleOptIn(await this.find(networkId, contact._id), viaEmail, details, consentSource, now);
    return this.get(networkId, contact._id);
  }

  /** Attributes are merged: a string sets the key, null removes it; the result keeps to the limit. */
  async update(networkId: string, contactId: string, change: UpdateContact): Promise<ContactView> {
    const contact = await this.find(networkId, contactId);
    const { attributes: attributeChange, ...fields } = change;
    let attributes: Record<string, string> | undefined;
    if (attributeChange) {
      attributes = { ...contact.attributes };
      for (const [key, value] of Object.entries(attributeChange)) {
        if (value === null) delete attributes[key];
        else attributes[key] = value;
      }
      if (Object.keys(attributes).length > CONTACT_ATTRIBUTES_MAX) throw new TooManyAttributesError();
    }
    await this.contacts.apply(contactId, { set: { ...fields, ...(attributes && { attributes }) } });
    return this.get(networkId, contactId);
  }

  /** Suppresses the address and takes it off every list; idempotent. */
  async block(networkId: string, contactId: string, now = new Date()): Promise<ContactView> {
    const contact = await this.find(networkId, contactId);
    await this.suppressions.suppress(networkId, contact.email, 'blocked', now);
    await this.subscriptions.optOut(contact, 'all', { method: 'coordinator', wordingId: COORDINATOR_WORDING, ip: null }, now);
    return this.get(networkId, contactId);
  }

  /** Lifts a block; the person stays off the lists until they (or a coordinator) subscribe them again. */
  async unblock(networkId: string, contactId: string): Promise<ContactView> {
    const contact = await this.find(networkId, contactId);
    if (!(await this.suppressions.lift(networkId, contact.email, ['blocked']))) throw new NotBlockedError();
    return this.get(networkId, contactId);
  }

  /** GDPR access: the contact, its subscriptions, its suppression and its whole consent log. */
  async export(networkId: string, contactId: string, now = new Date()): Promise<ContactExport> {
    const contact = await this.find(networkId, contactId) as Contact & { createdAt: Date; updatedAt: Date };
    const view = contactView(contact, await this.suppressions.reasonFor(networkId, contact.email));
    return {
      exportedAt: now.toISOString(),
      contact: { ...view, createdAt: new Date(contact.createdAt).toISOString(), updatedAt: new Date(contact.updatedAt).toISOString() },
      consentLog: contact.consent.map(consentEntryView),
    };
  }

  /**
   * GDPR erasure: the contact goes; a suppression record keyed by the address's hash stays, to prove the opt-out
   * and keep the address from being re-added. The erasure event leaves with that record's write.
   */
  async erase(networkId: string, contactId: string, now = new Date()): Promise<void> {
    const contact = await this.find(networkId, contactId);
    await this.suppressions.eraseAddress(networkId, contact.email, contact._id, now);
    await this.contacts.delete(contact);
  }

  private async find(networkId: string, contactId: string): Promise<Contact> {
    const contact = await this.contacts.findInNetwork(networkId, contactId);
    if (!contact) throw new ContactNotFoundError(contactId);
    return contact;
  }
}
