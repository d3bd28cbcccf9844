import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Repository, scopedToNetwork } from '@hub/persistence';
import { MailingList } from './mailing-list.schema';

@Injectable()
export class MailingListRepository extends Repository<MailingList> {
  constructor(@InjectModel(MailingList.name) model: Model<MailingList>) {
    super(model);
  }

  findPublic(networkId: string, ids: string[]): Promise<MailingList[]> {
    return this.model.find(scopedToNetwork(networkId, { _id: { $in: ids }, isPublic: true })).lean<MailingList[]>().exec();
  }

  findAllPublic(networkId: string): Promise<MailingList[]> {
    return this.model.find(scopedToNetwork(networkId, { isPublic: true })).sort({ _id: 1 }).lean<MailingList[]>().exec();
  }

  findByIds(networkId: string, ids: string[]): Promise<MailingList[]> {
    return this.model.find(scopedToNetwork(networkId, { _id: { $in: ids } })).lean<MailingList[]>().exec();
  }

  /** Creates the list if it is missing; leaves an existing one as its coordinators edited it. */
  async ensure(list: MailingList): Promise<void> {
    await this.model.updateOne({ _id: list._id }, { $setOnInsert: list }, { upsert: true }).exec();
  }
}
