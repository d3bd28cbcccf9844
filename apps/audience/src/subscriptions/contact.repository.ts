import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import type { EventEnvelope, Language } from '@hub/contracts';
import { OutboxRelay } from '@hub/messaging';
import { isDuplicateKeyError, Repository, scopedToNetwork } from '@hub/persistence';
import { Contact, ListSubscription } from './contact.schema';

@Injectable()
export class ContactRepository extends Repository<Contact> {
  constructor(
    @InjectModel(Contact.name) model: Model<Contact>,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
    relay.watch(model);
  }

  findById(id: string): Promise<Contact | null> {
    return this.model.findById(id).lean<Contact>().exec();
  }

  /** Returns the network's contact for the address, creating it if there is none; safe under concurrent calls. */
  async findOrCreate(networkId: string, email: string, details: { name: string | null; language: Language }): Promise<Contact> {
    const existing = await this.model.findOne(scopedToNetwork(networkId, { email })).lean<Contact>().exec();
    if (existing) return existing;
    try {
      const created = await this.model.create({ _id: randomUUID(), networkId, email, ...details, subscriptions: {}, outbox: [] });
      return created.toObject();
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const winner = await this.model.findOne(scopedToNetwork(networkId, { email })).lean<Contact>().exec();
      if (!winner) throw error;
      return winner;
    }
  }

  /** Marks the lists pending for a new opt-in request and queues its event, in one write. */
  async recordConfirmationRequest(
    contactId: string,
    subscriptions: Record<string, ListSubscription>,
    details: { name: string | null; language: Language },
    sentAt: Date,
    event: EventEnvelope,
  ): Promise<void> {
    const set: Record<string, unknown> = { lastConfirmationSentAt: sentAt, language: details.language };
    if (details.name) set.name = details.name;
    for (const [listId, subscription] of Object.entries(subscriptions)) set[`subscriptions.${listId}`] = subscription;
    await this.model.updateOne({ _id: contactId }, { $set: set, $push: { outbox: event } }).exec();
    this.relay.nudge();
  }

  /** Confirms the lists and queues the event, in one write. */
  async recordConfirmation(contactId: string, listIds: string[], confirmedAt: Date, event: EventEnvelope): Promise<void> {
    const set: Record<string, unknown> = {};
    for (const listId of listIds) {
      set[`subscriptions.${listId}.status`] = 'confirmed';
      set[`subscriptions.${listId}.confirmedAt`] = confirmedAt;
    }
    await this.model.updateOne({ _id: contactId }, { $set: set, $push: { outbox: event } }).exec();
    this.relay.nudge();
  }
}
