import { Injectable } from '@nestjs/common';
import type { NewsletterAudienceRecipient } from '@hub/contracts';
import { contactQuery } from '../contacts/contact-query';
import { SuppressionsService } from '../suppressions/suppressions.service';
import { ContactRepository } from '../subscriptions/contact.repository';
import type { Contact } from '../subscriptions/contact.schema';
import { LinkTokens } from '../subscriptions/link-tokens';
import type { NewsletterAudienceCountQuery, NewsletterAudienceQuery } from './newsletter-audience.dto';

const BATCH = 500;

/**
 * The people a newsletter goes to: each contact once however many of the lists they are on (subscriptions are
 * embedded in the contact, so one contact is one row), confirmed on at least one of them before the send started (so
 * later subscribers do not join halfway), matching the send's filter (the same conditions, meaning the same, as the
 * contact list's), suppressed addresses left out. Each carries the signed links the email needs, naming the send;
 * only audience holds the signing key.
 */
@Injectable()
export class NewsletterAudienceService {
  constructor(
    private readonly contacts: ContactRepository,
    private readonly suppressions: SuppressionsService,
    private readonly tokens: LinkTokens,
  ) {}

  async *batches(networkId: string, query: NewsletterAudienceQuery): AsyncGenerator<NewsletterAudienceRecipient[]> {
    for await (const contacts of this.unsuppressed(networkId, query)) yield this.recipients(networkId, contacts, query);
  }

  /**
   * How many people a send with these lists and filter would reach if it started now: the same query as the
   * snapshot, without signing links. A scan of the network's contacts (FerretDB has no index but `_id`), so the
   * console asks for it only when a coordinator presses "count".
   */
  async count(networkId: string, query: NewsletterAudienceCountQuery, now = new Date()): Promise<number> {
    let count = 0;
    for await (const contacts of this.unsuppressed(networkId, { ...query, confirmedBefore: now.toISOString() })) count += contacts.length;
    return count;
  }

  private async *unsuppressed(networkId: string, query: Pick<NewsletterAudienceQuery, 'listIds' | 'confirmedBefore' | 'filter'>): AsyncGenerator<Contact[]> {
    const before = new Date(query.confirmedBefore);
    const confirmed = { $or: query.listIds.map((listId) => ({ [`subscriptions.${listId}.status`]: 'confirmed', [`subscriptions.${listId}.confirmedAt`]: { $lte: before } })) };
    const narrowed = query.filter ? contactQuery(query.filter) : {};
    const filter = Object.keys(narrowed).length > 0 ? { $and: [confirmed, narrowed] } : confirmed;
    let batch: Contact[] = [];
    for await (const contact of this.contacts.streamMatching(networkId, filter, BATCH)) {
      batch.push(contact);
      if (batch.length === BATCH) {
        yield this.withoutSuppressed(networkId, batch);
        batch = [];
      }
    }
    if (batch.length > 0) yield this.withoutSuppressed(networkId, batch);
  }

  private async withoutSuppressed(networkId: string, contacts: Contact[]): Promise<Contact[]> {
    const suppressed = await this.suppressions.suppressedAmong(
      networkId,
      contacts.map((contact) => contact.email),
    );
    return contacts.filter((contact) => !suppressed.has(contact.email));
  }

  private recipients(networkId: string, contacts: Contact[], { listIds, sendId }: NewsletterAudienceQuery): NewsletterAudienceRecipient[] {
    return contacts.map((contact) => {
      const through = listIds.filter((listId) => contact.subscriptions[listId]?.status === 'confirmed');
      return {
        contactId: contact._id,
        email: contact.email,
        language: contact.language,
        listIds: through,
        preferencesToken: this.tokens.signContactLink('preferences', { networkId, contactId: contact._id, sendId }),
        // One-click unsubscribe leaves the first list the person came through; the preferences page covers the rest.
        unsubscribeToken: this.tokens.signContactLink('unsubscribe', { networkId, contactId: contact._id, listId: through[0], sendId }),
      };
    });
  }
}
