import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { NetworkProfilePayload } from '@hub/contracts';
import { isDuplicateKeyError, Repository, retryWhileBusy } from '@hub/persistence';
import { NetworkProfile } from './network-profile.schema';

@Injectable()
export class NetworkProfileRepository extends Repository<NetworkProfile> {
  constructor(@InjectModel(NetworkProfile.name) model: Model<NetworkProfile>) {
    super(model);
  }

  async find(networkId: string): Promise<NetworkProfilePayload | null> {
    return (await this.model.findById(networkId).lean<NetworkProfile>().exec())?.profile ?? null;
  }

  /**
   * Keeps the newer profile: the filter matches only an older revision, so a late, older event changes nothing (its
   * upsert then collides with the stored document on _id, which is the answer "already newer").
   */
  async keepNewer(profile: NetworkProfilePayload): Promise<void> {
    try {
      await retryWhileBusy(() =>
        this.model.updateOne({ _id: profile.networkId, revision: { $lt: profile.revision } }, { $set: { revision: profile.revision, profile } }, { upsert: true }).exec(),
      );
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
