import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Repository, scopedToNetwork } from '@hub/persistence';
import { ApiKey } from './api-key.schema';

@Injectable()
export class ApiKeyRepository extends Repository<ApiKey> {
  constructor(@InjectModel(ApiKey.name) model: Model<ApiKey>) {
    super(model);
  }

  async create(key: ApiKey): Promise<void> {
    await this.model.create(key);
  }

  findById(id: string): Promise<ApiKey | null> {
    return this.model.findById(id).lean<ApiKey>().exec();
  }

  findInNetwork(networkId: string, id: string): Promise<ApiKey | null> {
    return this.model.findOne(scopedToNetwork(networkId, { _id: id })).lean<ApiKey>().exec();
  }

  listInNetwork(networkId: string): Promise<ApiKey[]> {
    return this.model.find(scopedToNetwork(networkId, {})).sort({ createdAt: -1 }).lean<ApiKey[]>().exec();
  }

  async revoke(networkId: string, id: string, at: Date): Promise<boolean> {
    const result = await this.model.updateOne(scopedToNetwork(networkId, { _id: id, revokedAt: null }), { $set: { revokedAt: at } }).exec();
    return result.matchedCount > 0;
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { lastUsedAt: at } }).exec();
  }
}
