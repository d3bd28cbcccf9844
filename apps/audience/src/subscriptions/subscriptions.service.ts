import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG } from '@hub/config';
import type { ConfirmSubscriptionResponse, SubscribeRequest, SubscribeResponse } from '@hub/contracts';
import { EventFactory } from '@hub/messaging';
import type { AudienceConfig } from '../audience.config';
import { listNameIn } from '../mailing-lists/mailing-list.schema';
import { MailingListRepository } from '../mailing-lists/mailing-list.repository';
import { ContactRepository } from './contact.repository';
import { ListSubscription } from './contact.schema';
import { ConfirmationTokens } from './confirmation-token';
import { ListNotFoundError, SupersededLinkError } from './subscription.errors';

const ACCEPTED: SubscribeResponse = { status: 'accepted' };

@Injectable()
export class SubscriptionsService {
  private readonly tokens: ConfirmationTokens;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AudienceConfig,
    private readonly contacts: ContactRepository,
    private readonly lists: MailingListRepository,
    private readonly events: EventFactory,
  ) {
    this.tokens = new ConfirmationTokens(config.LINK_SIGNING_SECRET);
  }

  /**
   * Double opt-in: marks the lists pending and asks delivery (through the event) to send the confirmation link.
   * The answer is the same in every case, so the form tells an outsider nothing about who is subscribed.
   */
  async subscribe(networkId: string, request: SubscribeRequest, now = new Date()): Promise<SubscribeResponse> {
    const listIds = [...new Set(request.listIds)];
    const lists = await this.lists.findPublic(networkId, listIds);
    if (lists.length !== listIds.length) {
      const found = new Set(lists.map((list) => list._id));
      throw new ListNotFoundError(listIds.filter((id) => !found.has(id)));
    }
    const details = { name: request.name?.trim() || null, language: request.language };
    const contact = await this.contacts.findOrCreate(networkId, request.email, details);

    const wanted = lists.filter((list) => contact.subscriptions[list._id]?.status !== 'confirmed');
    if (wanted.length === 0) return ACCEPTED;
    const resendAfter = (contact.lastConfirmationSentAt?.getTime() ?? 0) + this.config.CONFIRMATION_RESEND_MINUTES * 60_000;
    const alreadyPending = wanted.every((list) => contact.subscriptions[list._id]?.status === 'pending');
    if (alreadyPending && now.getTime() < resendAfter) return ACCEPTED;

    const requestId = randomUUID();
    const expiresAt = new Date(now.getTime() + this.config.CONFIRMATION_TTL_HOURS * 3_600_000);
    const confirmToken = this.tokens.sign({ networkId, contactId: contact._id, requestId, listIds: wanted.map((l) => l._id), expiresAt });
    const pending: Record<string, ListSubscription> = Object.fromEntries(
      wanted.map((list) => [list._id, { status: 'pending', requestId, requestedAt: now, confirmedAt: null }]),
    );
    const event = this.events.create('audience.subscription.requested', {
      networkId,
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
    await this.contacts.recordConfirmationRequest(contact._id, pending, details, now, event);
    return ACCEPTED;
  }

  /** Follows the link of the confirmation email. Following it again answers "already confirmed". */
  async confirm(token: string, now = new Date()): Promise<ConfirmSubscriptionResponse> {
    const claims = this.tokens.verify(token, now);
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
    const event = this.events.create('audience.subscription.confirmed', {
      networkId: contact.networkId,
      key: contact._id,
      payload: { contactId: contact._id, email: contact.email, language: contact.language, listIds: confirmable },
    });
    await this.contacts.recordConfirmation(contact._id, confirmable, now, event);
    return { outcome: 'confirmed', ...answer };
  }
}
