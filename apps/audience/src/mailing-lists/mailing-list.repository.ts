import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Repository, scopedToNetwork } from '@hub/persistence';
import { MailingList } from './mailing-list.schema';

const OPEN = { archivedAt: null };

@Injectable()
export class MailingListRepository extends Repository<MailingList> {
  constructor(@InjectModel(MailingList.name) model: Model<MailingList>) {
    super(model);
  }

  findPublic(networkId: string, ids: string[]): Promise<MailingList[]> {
    return this.model.find(scopedToNetwork(networkId, { _id: { $in: ids }, isPublic: true, ...OPEN })).lean<MailingList[]>().exec();
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
