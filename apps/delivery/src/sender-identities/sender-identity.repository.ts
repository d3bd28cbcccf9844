import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { replaceIfNewer, Repository } from '@hub/persistence';
import { SenderIdentity } from './sender-identity.schema';

@Injectable()
export class SenderIdentityRepository extends Repository<SenderIdentity> {
  constructor(@InjectModel(SenderIdentity.name) model: Model<SenderIdentity>) {
    super(model);
  }

  save(identity: SenderIdentity): Promise<boolean> {
    return replaceIfNewer(this.model, identity);
  }

  findById(networkId: string): Promise<SenderIdentity | null> {
    return this.model.findById(networkId).lean<SenderIdentity>().exec();
  }
}
