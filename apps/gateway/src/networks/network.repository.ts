import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Repository } from '@hub/persistence';
import { Network } from './network.schema';

@Injectable()
export class NetworkRepository extends Repository<Network> {
  constructor(@InjectModel(Network.name) model: Model<Network>) {
    super(model);
  }

  findPublicBySlug(slug: string): Promise<Network | null> {
    return this.model.findOne({ slug, isPublic: true }).lean<Network>().exec();
  }

  findById(id: string): Promise<Network | null> {
    return this.model.findById(id).lean<Network>().exec();
  }

  findAllPublic(): Promise<Network[]> {
    return this.model.find({ isPublic: true }).sort({ name: 1 }).lean<Network[]>().exec();
  }

  async update(id: string, changes: Partial<Omit<Network, '_id'>>): Promise<Network | null> {
    await this.model.updateOne({ _id: id }, { $set: changes }).exec();
    return this.findById(id);
  }

  findByIds(ids: string[]): Promise<Network[]> {
    return this.model.find({ _id: { $in: ids } }).lean<Network[]>().exec();
  }

  /** Creates the network if it is missing; leaves an existing one as its owners edited it. */
  async ensure(network: Network): Promise<void> {
    await this.model.updateOne({ _id: network._id }, { $setOnInsert: network }, { upsert: true }).exec();
  }
}
