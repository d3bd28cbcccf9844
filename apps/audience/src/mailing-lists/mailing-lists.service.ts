import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CreateMailingList, MailingListView, UpdateMailingList } from '@hub/contracts';
import { MailingListNotFoundError } from './mailing-list.errors';
import { mailingListView } from './mailing-list.schema';
import { MailingListRepository } from './mailing-list.repository';

/** Coordinators' side of the lists; every call is scoped to the caller's network. */
@Injectable()
export class MailingListsService {
  constructor(private readonly lists: MailingListRepository) {}

  async list(networkId: string): Promise<MailingListView[]> {
    return (await this.lists.findAll(networkId)).map(mailingListView);
  }

  async get(networkId: string, listId: string): Promise<MailingListView> {
    const list = await this.lists.findOne(networkId, listId);
    if (!list) throw new MailingListNotFoundError(listId);
    return mailingListView(list);
  }

  async create(networkId: string, request: CreateMailingList): Promise<MailingListView> {
    const list = { _id: randomUUID(), networkId, descriptions: {}, ...request, archivedAt: null };
    await this.lists.create(list);
    return mailingListView(list);
  }

  async update(networkId: string, listId: string, change: UpdateMailingList): Promise<MailingListView> {
    await this.get(networkId, listId);
    await this.lists.update(networkId, listId, change);
    return this.get(networkId, listId);
  }

  /** Idempotent; an archived list keeps its subscriptions and consent records. */
  async archive(networkId: string, listId: string, now = new Date()): Promise<MailingListView> {
    const list = await this.get(networkId, listId);
    if (!list.archived) await this.lists.update(networkId, listId, { archivedAt: now });
    return this.get(networkId, listId);
  }
}
