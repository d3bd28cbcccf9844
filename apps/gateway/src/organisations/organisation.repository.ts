import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError, Repository } from '@hub/persistence';
import { codeKeyOf } from './official-code';
import { Country, Organisation, OrganisationKind } from './organisation.schema';
import { searchNameOf, wordStartPattern } from './search-name';

/** What an organisation is; the search name and code key are derived from it here, so they never drift. */
export type OrganisationFields = Omit<Organisation, 'searchName' | 'codeKey'>;

@Injectable()
export class OrganisationRepository extends Repository<Organisation> {
  constructor(@InjectModel(Organisation.name) model: Model<Organisation>) {
    super(model);
  }

  findById(id: string): Promise<Organisation | null> {
    return this.model.findById(id).lean<Organisation>().exec();
  }

  findByIds(ids: string[]): Promise<Organisation[]> {
    return this.model.find({ _id: { $in: ids } }).lean<Organisation[]>().exec();
  }

  findAllByName(): Promise<Organisation[]> {
    return this.model.find().sort({ searchName: 1 }).lean<Organisation[]>().exec();
  }

  findByOfficialCode(code: string, limit: number): Promise<Organisation[]> {
    return this.model.find({ officialCode: code }).sort({ searchName: 1 }).limit(limit).lean<Organisation[]>().exec();
  }

  findByCode(country: Country, kind: OrganisationKind, code: string): Promise<Organisation | null> {
    return this.model.findOne({ codeKey: codeKeyOf({ _id: '', country, kind, officialCode: code }) }).lean<Organisation>().exec();
  }

  /** Organisations whose name has a word starting with each of the search words (see search-name.ts). */
  findByNameWords(words: string[], limit: number): Promise<Organisation[]> {
    const filter = { $and: words.map((word) => ({ searchName: { $regex: wordStartPattern(word) } })) };
    return this.model.find(filter).sort({ searchName: 1 }).limit(limit).lean<Organisation[]>().exec();
  }

  /** Inserts the organisation; a duplicate official code fails with MongoDB's duplicate-key error. */
  async create(fields: OrganisationFields): Promise<Organisation> {
    const created = await this.model.create(this.withDerivedKeys(fields));
    return created.toObject();
  }

  /**
   * Creates the organisation if it is missing and leaves an existing one as it is. Returns whether it exists under
   * its id now: false when another organisation holds its official code (a coordinator added it before the demo data
   * came). An insert rather than an upsert with $setOnInsert, which FerretDB 1.24 stores without its null fields.
   */
  async ensure(fields: OrganisationFields): Promise<boolean> {
    try {
      await this.model.create(this.withDerivedKeys(fields));
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return (await this.model.exists({ _id: fields._id })) !== null;
    }
  }

  private withDerivedKeys(fields: OrganisationFields): Organisation {
    return { ...fields, searchName: searchNameOf(fields.name), codeKey: codeKeyOf(fields) };
  }
}
