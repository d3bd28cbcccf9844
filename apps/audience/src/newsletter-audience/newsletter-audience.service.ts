import { Injectable } from '@nestjs/common';
import type { NewsletterAudienceRecipient } from '@hub/contracts';
import { contactQuery } from '../contacts/contact-query';
import { SuppressionsService } from '../suppressions/suppressions.service';
import { ContactRepository } from '../subscriptions/contact.repository';
import type { Contact } from '../subscriptions/contact.schema';
import { LinkTokens } from '../subscriptions/link-tokens';
import type { NewsletterAudienceQuery } from './newsletter-audience.dto';

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
    const before = new Date(query.confirmedBefore);
    const confirmed = { $or: query.listIds.map((listId) => ({ [`subscriptions.${listId}.status`]: 'confirmed', [`subscriptions.${listId}.confirmedAt`]: { $lte: before } })) };
    const narrowed = query.filter ? contactQuery(query.filter) : {};
    const filter = Object.keys(narrowed).length > 0 ? { $and: [confirmed, narrowed] } : confirmed;
    let batch: Contact[] = [];
    for await (const contact of this.contacts.streamMatching(networkId, filter, BATCH)) {
      batch.push(contact);
      if (batch.length === BATCH) {
        yield this.recipients(networkId, batch, query);
        batch = [];
      }
    }
    if (batch.length > 0) yield this.recipients(networkId, batch, query);
  }

  private async recipients(networkId: string, contacts: Contact[], { listIds, sendId }: NewsletterAudienceQuery): Promise<NewsletterAudienceRecipient[]> {
    const suppressed = await this.suppressions.suppressedAmong(
      networkId,
      contacts.map((contact) => contact.email),
    );
    return contacts
      .filter((contact) => !suppressed.has(contact.email))
      .map((contact) => {
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
