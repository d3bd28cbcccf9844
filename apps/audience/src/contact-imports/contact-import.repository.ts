import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError, Repository, scopedToNetwork } from '@hub/persistence';
import { ContactImport, ContactImportClaim } from './contact-import.schema';

@Injectable()
export class ContactImportRepository extends Repository<ContactImport> {
  constructor(
    @InjectModel(ContactImport.name) model: Model<ContactImport>,
    @InjectModel(ContactImportClaim.name) private readonly claims: Model<ContactImportClaim>,
  ) {
    super(model);
  }

  async create(job: ContactImport): Promise<void> {
    await this.model.create(job);
  }

  findOne(networkId: string, id: string): Promise<ContactImport | null> {
    return this.model.findOne(scopedToNetwork(networkId, { _id: id })).lean<ContactImport>().exec();
  }

  /** True for the one upload that may run this import (a unique insert, correct on FerretDB too). */
  async claim(id: string): Promise<boolean> {
    try {
      await this.claims.create({ _id: id });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async update(id: string, set: Partial<ContactImport>): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: set }).exec();
  }
}
