import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import type {
  ConfirmSubscriptionResponse,
  ConsentSource,
  ContactExport,
  ContactFilter,
  ContactImportView,
  ContactPage,
  ContactView,
  CreateContact,
  CreateContactImport,
  CreateMailingList,
  MailingListView,
  NewsletterAudienceFilter,
  PreferencesUpdate,
  PreferencesView,
  PublicMailingList,
  SubscribeRequest,
  SubscribeResponse,
  UnsubscribeResponse,
  UpdateContact,
  UpdateMailingList,
} from '@hub/contracts';
import { InternalApiClient } from '@hub/http';
import type { GatewayConfig } from '../gateway.config';

const seg = encodeURIComponent;

function queryOf(filter: object): string {
  const entries = Object.entries(filter).filter(([, value]) => value !== undefined);
  // A repeated parameter (e.g. `attribute`) goes as one pair per value.
  return new URLSearchParams(entries.flatMap(([key, value]) => [value].flat().map((one): [string, string] => [key, String(one)]))).toString();
}

/** The audience service's internal API, as the gateway uses it. */
@Injectable()
export class AudienceClient {
  private readonly http: InternalApiClient;

  constructor(@Inject(APP_CONFIG) config: GatewayConfig) {
    this.http = new InternalApiClient('audience', config.AUDIENCE_URL, config.INTERNAL_API_SECRET);
  }

  publicLists(networkId: string): Promise<PublicMailingList[]> {
    return this.http.request('GET', `/internal/networks/${seg(networkId)}/lists/public`);
  }

  subscribe(networkId: string, request: SubscribeRequest, source?: ConsentSource): Promise<SubscribeResponse> {
    return this.http.request('POST', `/internal/networks/${seg(networkId)}/subscriptions`, { ...request, source });
  }

  confirm(token: string, source?: ConsentSource): Promise<ConfirmSubscriptionResponse> {
    return this.http.request('POST', '/internal/subscriptions/confirmations', { token, source });
  }

  preferences(token: string): Promise<PreferencesView> {
    return this.http.request('POST', '/internal/preferences/view', { token });
  }

  updatePreferences(update: PreferencesUpdate, source: ConsentSource): Promise<PreferencesView> {
    return this.http.request('PUT', '/internal/preferences', { ...update, source });
  }

  unsubscribe(token: string, listId: string | undefined, source: ConsentSource): Promise<UnsubscribeResponse> {
    return this.http.request('POST', '/internal/preferences/unsubscribe', { token, listId, source });
  }

  oneClickUnsubscribe(token: string, source: ConsentSource): Promise<UnsubscribeResponse> {
    return this.http.request('POST', '/internal/unsubscribe/one-click', { token, source });
  }

  lists(networkId: string): Promise<MailingListView[]> {
    return this.http.request('GET', `/internal/networks/${seg(networkId)}/lists`);
  }

  list(networkId: string, listId: string): Promise<MailingListView> {
    return this.http.request('GET', `/internal/networks/${seg(networkId)}/lists/${seg(listId)}`);
  }

  createList(networkId: string, request: CreateMailingList): Promise<MailingListView> {
    return this.http.request('POST', `/internal/networks/${seg(networkId)}/lists`, request);
  }

  updateList(networkId: string, listId: string, change: UpdateMailingList): Promise<MailingListView> {
    return this.http.request('PATCH', `/internal/networks/${seg(networkId)}/lists/${seg(listId)}`, change);
  }

  archiveList(networkId: string, listId: string): Promise<MailingListView> {
    return this.http.request('POST', `/internal/networks/${seg(networkId)}/lists/${seg(listId)}/archive`);
  }

  contacts(networkId: string, filter: ContactFilter): Promise<ContactPage> {
    return this.http.request('GET', `/internal/networks/${seg(networkId)}/contacts?${queryOf(filter)}`);
  }

  /** The CSV export, unread: the gateway pipes it to the caller as it comes. */
  contactsCsv(networkId: string, filter: ContactFilter): Promise<Response> {
    return this.http.stream('GET', `/internal/networks/${seg(networkId)}/contacts-csv?${queryOf(filter)}`);
  }

  createImport(networkId: string, request: CreateContactImport): Promise<ContactImportView> {
    return this.http.request('POST', `/internal/networks/${seg(networkId)}/contact-imports`, request);
  }

  contactImport(networkId: string, importId: string): Promise<ContactImportView> {
    return this.http.request('GET', `/internal/networks/${seg(networkId)}/contact-imports/${seg(importId)}`);
  }

  /** Streams the CSV file through to audience, which parses it as it arrives; answers the final report. */
  async runImport(networkId: string, importId: string, csv: ReadableStream<Uint8Array>): Promise<ContactImportView> {
    const response = await this.http.stream('PUT', `/internal/networks/${seg(networkId)}/contact-imports/${seg(importId)}/file`, csv, 'text/csv');
    return (await response.json()) as ContactImportView;
  }

  contact(networkId: string, contactId: string): Promise<ContactView> {
    return this.http.request('GET', `/internal/networks/${seg(networkId)}/contacts/${seg(contactId)}`);
  }

  createContact(networkId: string, request: CreateContact, source: ConsentSource): Promise<ContactView> {
    return this.http.request('POST', `/internal/networks/${seg(networkId)}/contacts`, { ...request, source });
  }

  updateContact(networkId: string, contactId: string, change: UpdateContact): Promise<ContactView> {
    return this.http.request('PATCH', `/internal/networks/${seg(networkId)}/contacts/${seg(contactId)}`, change);
  }

  blockContact(networkId: string, contactId: string): Promise<ContactView> {
    return this.http.request('POST', `/internal/networks/${seg(networkId)}/contacts/${seg(contactId)}/block`);
  }

  unblockContact(networkId: string, contactId: string): Promise<ContactView> {
    return this.http.request('DELETE', `/internal/networks/${seg(networkId)}/contacts/${seg(contactId)}/block`);
  }

  exportContact(networkId: string, contactId: string): Promise<ContactExport> {
    return this.http.request('GET', `/internal/networks/${seg(networkId)}/contacts/${seg(contactId)}/export`);
  }

  eraseContact(networkId: string, contactId: string): Promise<void> {
    return this.http.request('DELETE', `/internal/networks/${seg(networkId)}/contacts/${seg(contactId)}`);
  }

  /** How many confirmed, unsuppressed contacts a newsletter to these lists, narrowed by the filter, would reach now. */
  newsletterAudienceCount(networkId: string, listIds: string[], filter: NewsletterAudienceFilter | null): Promise<{ recipients: number }> {
    return this.http.request('POST', `/internal/networks/${seg(networkId)}/newsletter-audience/count`, { listIds, filter });
  }
}
