import { Injectable } from '@nestjs/common';
import type { ConsentSource, InternalPreferencesUpdate, PreferencesView, UnsubscribeResponse } from '@hub/contracts';
import { MailingListRepository } from '../mailing-lists/mailing-list.repository';
import { SuppressionsService } from '../suppressions/suppressions.service';
import { ContactRepository } from '../subscriptions/contact.repository';
import { Contact } from '../subscriptions/contact.schema';
import { LinkTokens } from '../subscriptions/link-tokens';
import { AddressSuppressedError, ContactGoneError, ListNotFoundError } from '../subscriptions/subscription.errors';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';

const ACTIVE = new Set(['pending', 'confirmed']);

/**
 * What a person does with the signed link in their emails: see and change their lists, language and name, and
 * leave. The link proves the mailbox as a double opt-in does, so lists chosen here are confirmed at once, and a
 * person who had left everything can come back here.
 */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly lists: MailingListRepository,
    private readonly subscriptions: SubscriptionsService,
    private readonly suppressions: SuppressionsService,
    private readonly tokens: LinkTokens,
  ) {}

  async view(token: string): Promise<PreferencesView> {
    const contact = await this.contactOf(this.tokens.verifyContactLink('preferences', token));
    const [publicLists, ownLists, suppression] = await Promise.all([
      this.lists.findAllPublic(contact.networkId),
      this.lists.findByIds(contact.networkId, Object.keys(contact.subscriptions)),
      this.suppressions.reasonFor(contact.networkId, contact.email),
    ]);
    const lists = new Map([...ownLists, ...publicLists].map((list) => [list._id, list]));
    return {
      networkId: contact.networkId,
      email: contact.email,
      name: contact.name,
      language: contact.language,
      lists: [...lists.values()].map((list) => ({ id: list._id, names: list.names, status: contact.subscriptions[list._id]?.status ?? null })),
      suppressed: suppression !== null,
    };
  }

  async update(request: InternalPreferencesUpdate, now = new Date()): Promise<PreferencesView> {
    const claims = this.tokens.verifyContactLink('preferences', request.token);
    const contact = await this.contactOf(claims);
    const source: ConsentSource = request.source ?? { method: 'preferences', wordingId: 'preferences-page/v1', ip: null };
    const wanted = new Set(request.listIds);
    const joinable = new Set((await this.lists.findPublic(contact.networkId, [...wanted])).map((list) => list._id));
    const unknown = [...wanted].filter((listId) => !joinable.has(listId) && contact.subscriptions[listId]?.status !== 'confirmed');
    if (unknown.length > 0) throw new ListNotFoundError(unknown);

    const joining = [...wanted].filter((listId) => contact.subscriptions[listId]?.status !== 'confirmed');
    const leaving = Object.keys(contact.subscriptions).filter((listId) => !wanted.has(listId) && ACTIVE.has(contact.subscriptions[listId].status));
    if (joining.length > 0) {
      const reason = await this.suppressions.reasonFor(contact.networkId, contact.email);
      if (reason && !(await this.suppressions.lift(contact.networkId, contact.email, ['unsubscribed']))) throw new AddressSuppressedError();
    }
    if (leaving.length > 0) await this.subscriptions.optOut(contact, leaving, source, now, claims.sendId);
    const details = { ...(request.name !== undefined && { name: request.name.trim() || null }), ...(request.language && { language: request.language }) };
    if (joining.length > 0) await this.subscriptions.optIn(contact, joining, { source, basis: null }, now, details);
    else if (Object.keys(details).length > 0) await this.contacts.apply(contact._id, { set: details });
    return this.view(request.token);
  }

  /** Leaves one list, or everything (which suppresses the address); from the preferences page. */
  async unsubscribe(token: string, listId: string | undefined, source: ConsentSource | undefined, now = new Date()): Promise<UnsubscribeResponse> {
    const claims = this.tokens.verifyContactLink('preferences', token);
    const contact = await this.contactOf(claims);
    await this.subscriptions.optOut(contact, listId ? [listId] : 'all', source ?? { method: 'preferences', wordingId: 'preferences-page/v1', ip: null }, now, claims.sendId);
    return { outcome: 'unsubscribed', language: contact.language };
  }

  /**
   * RFC 8058 one-click: the token names the list the email came from, or none for everything. Idempotent, and an
   * erased contact answers the same (there is nobody left to email).
   */
  async oneClick(token: string, source: ConsentSource | undefined, now = new Date()): Promise<UnsubscribeResponse> {
    const claims = this.tokens.verifyContactLink('unsubscribe', token);
    const contact = await this.contacts.findInNetwork(claims.networkId, claims.contactId);
    if (!contact) return { outcome: 'unsubscribed', language: null };
    await this.subscriptions.optOut(contact, claims.listId ? [claims.listId] : 'all', source ?? { method: 'one-click', wordingId: 'list-unsubscribe/v1', ip: null }, now, claims.sendId);
    return { outcome: 'unsubscribed', language: contact.language };
  }

  private async contactOf(claims: { networkId: string; contactId: string }): Promise<Contact> {
    const contact = await this.contacts.findInNetwork(claims.networkId, claims.contactId);
    if (!contact) throw new ContactGoneError();
    return contact;
  }
}
