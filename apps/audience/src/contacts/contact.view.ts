import type { ContactView, SuppressionReason } from '@hub/contracts';
import { Contact } from '../subscriptions/contact.schema';

const iso = (date: Date | null | undefined) => (date ? new Date(date).toISOString() : null);

export function contactView(contact: Contact, suppression: SuppressionReason | null): ContactView {
  return {
    id: contact._id,
    email: contact.email,
    name: contact.name,
    language: contact.language,
    organisationId: contact.organisationId ?? null,
    role: contact.role ?? null,
    attributes: contact.attributes ?? {},
    subscriptions: Object.entries(contact.subscriptions).map(([listId, subscription]) => ({
      listId,
      status: subscription.status,
      requestedAt: iso(subscription.requestedAt),
      confirmedAt: iso(subscription.confirmedAt),
      unsubscribedAt: iso(subscription.unsubscribedAt),
    })),
    suppression,
  };
}
