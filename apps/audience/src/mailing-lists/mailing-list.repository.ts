import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Repository, scopedToNetwork, sharedReads } from '@hub/persistence';
import { MailingList } from './mailing-list.schema';

const OPEN = { archivedAt: null };

@Injectable()
export class MailingListRepository extends Repository<MailingList> {
  /** Concurrent lookups of one list share one read, which starts after each of them asked. */
  private readonly byId = sharedReads((id: string) => this.model.findById(id).lean<MailingList>().exec());

  constructor(@InjectModel(MailingList.name) model: Model<MailingList>) {
    super(model);
  }

  /**
   * The network's public, open lists among these ids. Read by `_id` one by one: FerretDB answers only `_id` equality
   * from its index and scans the collection for anything else (every public subscribe asks this). The lists are
   * shared between concurrent callers: read them only.
   */
  async findPublic(networkId: string, ids: string[]): Promise<MailingList[]> {
    const lists = await Promise.all([...new Set(ids)].map((id) => this.byId.call(id)));
    return lists.filter((list): list is MailingList => list !== null && list.networkId === networkId && list.isPublic && !list.archivedAt);
  }

  findAllPublic(networkId: string): Promise<MailingList[]> {
    return this.model.find(scopedToNetwork(networkId, { isPublic: true, ...OPEN })).sort({ _id: 1 }).lean<MailingList[]>().exec();
  }

  findByIds(networkId: string, ids: string[]): Promise<MailingList[]> {
    return this.model.find(scopedToNetwork(networkId, { _id: { $in: ids } })).lean<MailingList[]>().exec();
  }

  findAll(networkId: string): Promise<MailingList[]> {
    return this.model.find(scopedToNetwork(networkId, {})).sort({ _id: 1 }).lean<MailingList[]>().exec();
  }

  findOne(networkId: string, id: string): Promise<MailingList | null> {
    return this.model.findOne(scopedToNetwork(networkId, { _id: id })).lean<MailingList>().exec();
  }

  async create(list: MailingList): Promise<void> {
    await this.model.create(list);
  }

  async update(networkId: string, id: string, set: Partial<MailingList>): Promise<void> {
    await this.model.updateOne(scopedToNetwork(networkId, { _id: id }), { $set: set }).exec();
  }

  /** Creates the list if it is missing; leaves an existing one as its coordinators edited it. */
  async ensure(list: MailingList): Promise<void> {
    await this.model.updateOne({ _id: list._id }, { $setOnInsert: list }, { upsert: true }).exec();
  }
}
