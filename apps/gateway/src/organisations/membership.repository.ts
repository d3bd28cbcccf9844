import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError, Repository, scopedToNetwork } from '@hub/persistence';
import { Membership } from './membership.schema';
import type { MembershipTerms } from './membership-terms';

@Injectable()
export class MembershipRepository extends Repository<Membership> {
  constructor(@InjectModel(Membership.name) model: Model<Membership>) {
    super(model);
  }

  findAllInNetwork(networkId: string): Promise<Membership[]> {
    return this.model.find(scopedToNetwork(networkId, {})).lean<Membership[]>().exec();
  }

  findInNetwork(networkId: string, id: string): Promise<Membership | null> {
    return this.model.findOne(scopedToNetwork(networkId, { _id: id })).lean<Membership>().exec();
  }

  /**
   * The memberships of the organisations in every network: the public lookup's question, and the one query here
   * that is not scoped to a network. Callers show only public networks.
   */
  findOfOrganisationsInAllNetworks(organisationIds: string[]): Promise<Membership[]> {
    return this.model.find({ organisationId: { $in: organisationIds } }).lean<Membership[]>().exec();
  }

  /** Inserts the membership; a second one of the organisation in the network fails with the duplicate-key error. */
  async create(membership: Membership): Promise<Membership> {
    const created = await this.model.create(membership);
    return created.toObject();
  }

  /** Returns false when the network has no such membership. */
  async updateTerms(networkId: string, id: string, terms: MembershipTerms): Promise<boolean> {
    const result = await this.model.updateOne(scopedToNetwork(networkId, { _id: id }), { $set: terms }).exec();
    return result.matchedCount > 0;
  }

  /** Returns false when the network has no such membership. */
  async remove(networkId: string, id: string): Promise<boolean> {
    const result = await this.model.deleteOne(scopedToNetwork(networkId, { _id: id })).exec();
    return result.deletedCount > 0;
  }

  /**
   * Creates the membership if it is missing; leaves it alone when it exists, or when the organisation is already in
   * the network under another membership. An insert for the reason given at OrganisationRepository.ensure.
   */
  async ensure(membership: Membership): Promise<void> {
    try {
      await this.model.create(membership);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}
