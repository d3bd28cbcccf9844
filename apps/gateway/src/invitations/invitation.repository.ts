import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { OutboxRelay } from '@hub/messaging';
import { isDuplicateKeyError, Repository, scopedToNetwork } from '@hub/persistence';
import { Invitation, InvitationAcceptance } from './invitation.schema';

@Injectable()
export class InvitationRepository extends Repository<Invitation> {
  constructor(
    @InjectModel(Invitation.name) model: Model<Invitation>,
    @InjectModel(InvitationAcceptance.name) private readonly acceptances: Model<InvitationAcceptance>,
    private readonly relay: OutboxRelay,
  ) {
    super(model);
    relay.watch(model);
  }

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    await this.acceptances.createCollection().catch(() => undefined);
  }

  /** The invitation and its event, in one insert. */
  async create(invitation: Invitation): Promise<void> {
    await this.model.create(invitation);
    this.relay.nudge(this.model, invitation._id);
  }

  findByTokenHash(tokenHash: string): Promise<Invitation | null> {
    return this.model.findOne({ tokenHash }).lean<Invitation>().exec();
  }

  listInNetwork(networkId: string): Promise<Invitation[]> {
    return this.model.find(scopedToNetwork(networkId, {}), { outbox: 0, tokenHash: 0 }).sort({ createdAt: -1 }).lean<Invitation[]>().exec();
  }

  async revoke(networkId: string, id: string, at: Date): Promise<boolean> {
    const result = await this.model
      .updateOne(scopedToNetwork(networkId, { _id: id, acceptedAt: null, revokedAt: null }), { $set: { revokedAt: at } })
      .exec();
    return result.matchedCount > 0;
  }

  /** True for exactly one caller per invitation, however many race with the same link. */
  async claimAcceptance(id: string, at: Date): Promise<boolean> {
    try {
      await this.acceptances.create({ _id: id, acceptedAt: at });
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
    await this.model.updateOne({ _id: id }, { $set: { acceptedAt: at } }).exec();
    return true;
  }
}
