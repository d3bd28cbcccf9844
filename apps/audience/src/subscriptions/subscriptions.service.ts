import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG } from '@hub/config';
import type { ConfirmSubscriptionResponse, ConsentSource, InternalSubscribeRequest, Language, SubscribeResponse, SuppressionReason } from '@hub/contracts';
import { EventFactory } from '@hub/messaging';
import type { AudienceConfig } from '../audience.config';
import type { ConsentEntry } from '../consent/consent-entry';
import { ProofHashes } from '../consent/proof-hashes';
import { listNameIn, MailingList } from '../mailing-lists/mailing-list.schema';
import { MailingListRepository } from '../mailing-lists/mailing-list.repository';
import { SuppressionsService } from '../suppressions/suppressions.service';
import { ConfirmationRequestRepository } from './confirmation-request.repository';
import { ContactChange, ContactRepository } from './contact.repository';
import { Contact, ListSubscription } from './contact.schema';
import { LinkTokens } from './link-tokens';
import { ListNotFoundError, SupersededLinkError } from './subscription.errors';

const ACCEPTED: SubscribeResponse = { status: 'accepted' };

/** Far longer than a request takes (the gateway gives up after 10 s): a claim this old whose write is missing was orphaned. */
export const INTERRUPTED_AFTER_MS = 30_000;

/** What the double opt-in link confirms when the gateway did not say where the click came from. */
const CONFIRM_WORDING = 'confirm-page/v1';

/** What an import knows of a new person. */
export type NewContactDetails = Pick<Contact, 'name' | 'language'> & Partial<Pick<Contact, 'organisationId' | 'role' | 'attributes'>>;

/** A single opt-in: who vouches for it and why. */
export interface DirectOptIn {
  source: ConsentSource;
  basis: string | null;
}

@Injectable()
export class SubscriptionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AudienceConfig,
    private readonly contacts: ContactRepository,
    private readonly confirmationRequests: ConfirmationRequestRepository,
    private readonly lists: MailingListRepository,
    private readonly suppressions: SuppressionsService,
    private readonly tokens: LinkTokens,
    private readonly hashes: ProofHashes,
    private readonly events: EventFactory,
  ) {}

  /**
   * Double opt-in: marks the lists pending and asks delivery (through the event) to send the confirmation link.
   * The answer is the same in every case, suppressed addresses included, so the form tells an outsider nothing.
   * A person who unsubscribed from everything, or whose address was erased, may come back this way: the
   * confirmation lifts that suppression (as listmonk and Mailchimp let an unsubscribed address re-subscribe through
   * the form). A block, a hard bounce or a complaint is not the person's own choice to undo, so nothing is sent.
   */
  async subscribe(networkId: string, request: InternalSubscribeRequest, now = new Date()): Promise<SubscribeResponse> {
    const details = { name: request.name?.trim() || null, language: request.language };
    const source = request.source ?? { method: 'api', wordingId: 'subscribe-api/v1', ip: null };
    // Independent reads, sent together: one round trip's wait instead of two.
    const [lists, suppression] = await Promise.all([this.publicLists(networkId, request.listIds), this.suppressions.reasonFor(networkId, request.email)]);
    if (!SubscriptionsService.mayComeBack(suppression)) return ACCEPTED;
    // Most sign-ups are of new addresses: the contact is inserted at once, already pending, with its consent line and
    // its event, in one write, without first looking it up. It needs no confirmation claim: the unique index on
    // network and address lets one concurrent request insert it, and the others find it pending and within the resend
    // window. Where the address has its contact already, the insert is refused and nothing was written.
    if (await this.contacts.insertNew(this.newPendingContact(networkId, request.email, details, lists, source, now), now)) return ACCEPTED;
    const contact = await this.contacts.findOrCreate(networkId, request.email, details);
    await this.requestDoubleOptIn(contact, lists, details, source, now);
    return ACCEPTED;
  }

  /** A contact that does not exist yet, pending on the lists, as writeDoubleOptIn would leave it: for one insert. */
  private newPendingContact(networkId: string, email: string, details: { name: string | null; language: Language }, lists: MailingList[], source: ConsentSource, now: Date): Contact {
    const contact: Contact = {
      _id: randomUUID(),
      networkId,
      email,
      ...details,
      organisationId: null,
      role: null,
      attributes: {},
      subscriptions: {},
      lastConfirmationSentAt: null,
      consent: [],
      outbox: [],
    };
    const change = this.doubleOptInChange(contact, lists, details, source, now);
    Object.assign(contact, change.set, { subscriptions: change.subscriptions, consent: change.consent, outbox: change.events });
    return contact;
  }

  /** Marks the lists pending and queues the confirmation email; at most once per CONFIRMATION_RESEND_MINUTES. */
  async requestDoubleOptIn(
    contact: Contact,
    lists: MailingList[],
    details: { name: string | null; language: Language },
    source: ConsentSource,
    now: Date,
  ): Promise<void> {
    const wanted = lists.filter((list) => contact.subscriptions[list._id]?.status !== 'confirmed');
    if (wanted.length === 0) return;
    const resendAfter = (contact.lastConfirmationSentAt?.getTime() ?? 0) + this.config.CONFIRMATION_RESEND_MINUTES * 60_000;
    const alreadyPending = wanted.every((list) => contact.subscriptions[list._id]?.status === 'pending');
    if (alreadyPending && now.getTime() < resendAfter) return;
    // A burst of identical requests all pass the check above before any of them writes: they all see the same
    // subscription state, and one of them claims the email for it. A later change of state is a new claim.
    const state = wanted.map((list) => {
      const subscription = contact.subscriptions[list._id];
      return `${list._id}=${subscription?.status ?? 'none'}/${subscription?.requestId ?? ''}/${subscription?.unsubscribedAt?.getTime() ?? ''}`;
    });
    const claimed = await this.confirmationRequests.claim(contact._id, state, Math.max(1, this.config.CONFIRMATION_RESEND_MINUTES) * 60_000, now, {
      listIds: wanted.map((list) => list._id),
      name: details.name,
      language: details.language,
      source,
    });
    if (claimed) await this.writeDoubleOptIn(contact, wanted, details, source, now);
  }

  /**
   * Completes the double opt-ins whose process died between the claim and the contact's update: the person was told
   * to look for the email, and a retry finds the claim and sends nothing. Settled claims are removed.
   */
  async completeInterrupted(now = new Date()): Promise<number> {
    let completed = 0;
    for (const request of await this.confirmationRequests.madeBefore(new Date(now.getTime() - INTERRUPTED_AFTER_MS))) {
      const contact = await this.contacts.findById(request.contactId);
      const written = (contact?.lastConfirmationSentAt?.getTime() ?? -Infinity) >= request.requestedAt.getTime();
      if (contact && !written && (await this.confirmationRequests.claimCompletion(request._id, now))) {
        const lists = await this.lists.findByIds(contact.networkId, request.listIds);
        const wanted = lists.filter((list) => contact.subscriptions[list._id]?.status !== 'confirmed');
        if (wanted.length > 0) {
          await this.writeDoubleOptIn(contact, wanted, { name: request.name, language: request.language }, request.source, now);
          completed += 1;
        }
      }
      await this.confirmationRequests.remove(request._id);
    }
    return completed;
  }

  /** Marks the lists pending with the consent entry, and announces the request (the email) in the same write. */
  private async writeDoubleOptIn(contact: Contact, wanted: MailingList[], details: { name: string | null; language: Language }, source: ConsentSource, now: Date): Promise<void> {
    await this.contacts.apply(contact._id, this.doubleOptInChange(contact, wanted, details, source, now));
  }

  private doubleOptInChange(contact: Contact, wanted: MailingList[], details: { name: string | null; language: Language }, source: ConsentSource, now: Date) {
    const listIds = wanted.map((list) => list._id);
    const requestId = randomUUID();
    const expiresAt = new Date(now.getTime() + this.config.CONFIRMATION_TTL_HOURS * 3_600_000);
    const confirmToken = this.tokens.signConfirmation({ networkId: contact.networkId, contactId: contact._id, requestId, listIds, expiresAt });
    const pending: Record<string, ListSubscription> = Object.fromEntries(
      listIds.map((listId) => [listId, { status: 'pending', requestId, requestedAt: now, confirmedAt: null, unsubscribedAt: null }]),
    );
    const event = this.events.create('audience.subscription.requested', {
      networkId: contact.networkId,
      key: contact._id,
      payload: {
        contactId: contact._id,
        requestId,
        email: contact.email,
        name: details.name ?? contact.name,
        language: details.language,
        lists: wanted.map((list) => ({ id: list._id, name: listNameIn(list, details.language) })),
        confirmToken,
        confirmBy: expiresAt.toISOString(),
      },
    });
    return {
      set: { lastConfirmationSentAt: now, language: details.language, ...(details.name && { name: details.name }) },
      subscriptions: pending,
      consent: [this.consentEntry('opt-in-requested', listIds, source, null, now)],
      events: [event],
    } satisfies ContactChange;
  }

  /** Follows the link of the confirmation email. Following it again answers "already confirmed". */
  async confirm(token: string, source: ConsentSource | undefined, now = new Date()): Promise<ConfirmSubscriptionResponse> {
    const claims = this.tokens.verifyConfirmation(token, now);
    const contact = await this.contacts.findById(claims.contactId);
    if (!contact || contact.networkId !== claims.networkId) throw new SupersededLinkError();
    const lists = await this.lists.findByIds(contact.networkId, claims.listIds);
    const listNames = lists.map((list) => listNameIn(list, contact.language));
    const answer = { networkId: contact.networkId, language: contact.language, listNames };

    const subscriptions = claims.listIds.map((listId) => contact.subscriptions[listId]);
    const confirmable = claims.listIds.filter((listId) => {
      const subscription = contact.subscriptions[listId];
      return subscription?.status === 'pending' && subscription.requestId === claims.requestId;
    });
    if (confirmable.length === 0) {
      if (subscriptions.every((subscription) => subscription?.status === 'confirmed')) return { outcome: 'already-confirmed', ...answer };
      throw new SupersededLinkError();
    }
    // Blocked, bounced or complained since the request: the link no longer brings the address back.
    const suppression = await this.suppressions.reasonFor(contact.networkId, contact.email);
    if (!SubscriptionsService.mayComeBack(suppression)) throw new SupersededLinkError();
    // Lifted before the opt-in is written: a crash in between leaves the person unsuppressed but pending, and
    // following the link again completes it; the other order could leave a confirmed contact that is never emailed.
    if (suppression === 'unsubscribed') await this.suppressions.lift(contact.networkId, contact.email, ['unsubscribed']);
    await this.optIn(contact, confirmable, { source: source ?? { method: 'form', wordingId: CONFIRM_WORDING, ip: null }, basis: null }, now);
    return { outcome: 'confirmed', ...answer };
  }

  /**
   * Confirms the lists at once: after a double opt-in, from the person's own signed preferences link, or on a
   * coordinator's or an import's stated consent basis.
   */
  async optIn(contact: Contact, listIds: string[], optIn: DirectOptIn, now: Date, details: { name?: string | null; language?: Language } = {}): Promise<void> {
    await this.contacts.apply(contact._id, this.optInChange(contact, listIds, optIn, now, details));
  }

  /** What `optIn` writes, for a caller that sends many contacts' changes together (imports). */
  optInChange(contact: Contact, listIds: string[], optIn: DirectOptIn, now: Date, details: { name?: string | null; language?: Language } = {}): ContactChange {
    const language = details.language ?? contact.language;
    const confirmed = Object.fromEntries(
      listIds.map((listId) => [listId, { status: 'confirmed' as const, requestId: null, requestedAt: contact.subscriptions[listId]?.requestedAt ?? now, confirmedAt: now, unsubscribedAt: null }]),
    );
    return {
      set: { ...(details.name !== undefined && { name: details.name }), ...(details.language && { language: details.language }) },
      subscriptions: confirmed,
      consent: [this.consentEntry('opt-in', listIds, optIn.source, optIn.basis, now)],
      events: [this.confirmedEvent(contact, listIds, language)],
    };
  }

  /**
   * A contact that does not exist yet, already confirmed on the lists, with its consent line and event: for bulk
   * inserts (imports), where one insert per person is the whole write.
   */
  newConfirmedContact(networkId: string, email: string, details: NewContactDetails, listIds: string[], optIn: DirectOptIn, now: Date): Contact {
    const contact: Contact = { _id: randomUUID(), networkId, email, organisationId: null, role: null, attributes: {}, ...details, subscriptions: {}, lastConfirmationSentAt: null, consent: [], outbox: [] };
    for (const listId of listIds) contact.subscriptions[listId] = { status: 'confirmed', requestId: null, requestedAt: now, confirmedAt: now, unsubscribedAt: null };
    // No list to confirm (an import into double opt-in lists only): no opt-in to record or announce yet.
    if (listIds.length === 0) return contact;
    contact.consent.push(this.consentEntry('opt-in', listIds, optIn.source, optIn.basis, now));
    contact.outbox.push(this.confirmedEvent(contact, listIds, details.language));
    return contact;
  }

  private confirmedEvent(contact: Pick<Contact, '_id' | 'networkId' | 'email'>, listIds: string[], language: Language) {
    return this.events.create('audience.subscription.confirmed', {
      networkId: contact.networkId,
      key: contact._id,
      payload: {
        contactId: contact._id,
        email: contact.email,
        language,
        listIds,
        preferencesToken: this.tokens.signContactLink('preferences', { networkId: contact.networkId, contactId: contact._id }),
        unsubscribeTokens: listIds.map((listId) => ({
          listId,
          token: this.tokens.signContactLink('unsubscribe', { networkId: contact.networkId, contactId: contact._id, listId }),
        })),
      },
    });
  }

  /**
   * Leaves the lists, or everything when `listIds` is 'all' (which also suppresses the address). Idempotent: lists
   * already left are not left again, and nothing is written when there is nothing to change. `sendId` is the
   * newsletter send whose link the person used, for that send's statistics.
   */
  async optOut(contact: Contact, listIds: string[] | 'all', source: ConsentSource, now: Date, sendId?: string): Promise<void> {
    const all = listIds === 'all';
    // The suppression goes first: if the process dies before the contact's write, the address is already never
    // emailed, and repeating the request completes the rest.
    if (all) await this.suppressions.suppress(contact.networkId, contact.email, 'unsubscribed', now);
    const candidates = all ? Object.keys(contact.subscriptions) : listIds;
    const leaving = candidates.filter((listId) => {
      const status = contact.subscriptions[listId]?.status;
      return status === 'pending' || status === 'confirmed';
    });
    if (leaving.length === 0) return;
    const event = this.events.create('audience.subscription.unsubscribed', {
      networkId: contact.networkId,
      key: contact._id,
      payload: { contactId: contact._id, email: contact.email, listIds: leaving, all, method: source.method, ...(sendId && { sendId }) },
    });
    await this.contacts.apply(contact._id, {
      subscriptions: Object.fromEntries(leaving.map((listId) => [listId, { status: 'unsubscribed' as const, requestId: null, unsubscribedAt: now }])),
      consent: [this.consentEntry('opt-out', leaving, source, null, now)],
      events: [event],
    });
  }

  /** Whether a double opt-in may bring this address back: only the person's own opt-out (or erasure) is undone so. */
  static mayComeBack(suppression: SuppressionReason | null): boolean {
    return suppression === null || suppression === 'unsubscribed';
  }

  /** The public, not archived lists among these ids; 404 naming the others. */
  async publicLists(networkId: string, ids: string[]): Promise<MailingList[]> {
    const listIds = [...new Set(ids)];
    const lists = await this.lists.findPublic(networkId, listIds);
    if (lists.length !== listIds.length) {
      const found = new Set(lists.map((list) => list._id));
      throw new ListNotFoundError(listIds.filter((id) => !found.has(id)));
    }
    return lists;
  }

  private consentEntry(action: ConsentEntry['action'], listIds: string[], source: ConsentSource, basis: string | null, at: Date): ConsentEntry {
    return { at, action, listIds, method: source.method, wordingId: source.wordingId, ipHash: this.hashes.ip(source.ip), basis };
  }
}
