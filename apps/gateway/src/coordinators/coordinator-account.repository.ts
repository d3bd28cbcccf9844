import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { isDuplicateKeyError, Repository } from '@hub/persistence';
import type { Role } from '../auth/role';
import { CoordinatorAccount } from './coordinator-account.schema';

@Injectable()
export class CoordinatorAccountRepository extends Repository<CoordinatorAccount> {
  constructor(@InjectModel(CoordinatorAccount.name) model: Model<CoordinatorAccount>) {
    super(model);
  }

  findByEmail(email: string): Promise<CoordinatorAccount | null> {
    return this.model.findOne({ email }).lean<CoordinatorAccount>().exec();
  }

  findById(id: string): Promise<CoordinatorAccount | null> {
    return this.model.findById(id).lean<CoordinatorAccount>().exec();
  }

  /** The network's coordinators; roles are keyed by network id, so the filter reads one key. */
  inNetwork(networkId: string): Promise<CoordinatorAccount[]> {
    return this.model.find({ [`roles.${networkId}`]: { $exists: true } }).sort({ email: 1 }).lean<CoordinatorAccount[]>().exec();
  }

  /** Creates the account, or returns the existing one of that address (two acceptances racing make one account). */
  async create(account: Omit<CoordinatorAccount, '_id' | 'lastSignInAt'>): Promise<CoordinatorAccount> {
    try {
      return (await this.model.create({ _id: randomUUID(), lastSignInAt: null, ...account })).toObject();
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return (await this.findByEmail(account.email))!;
    }
  }

  async setRole(accountId: string, networkId: string, role: Role): Promise<void> {
    await this.model.updateOne({ _id: accountId }, { $set: { [`roles.${networkId}`]: role } }).exec();
  }

  async removeRole(accountId: string, networkId: string): Promise<void> {
    await this.model.updateOne({ _id: accountId }, { $unset: { [`roles.${networkId}`]: '' } }).exec();
  }

  async setPasswordHash(accountId: string, passwordHash: string): Promise<void> {
    await this.model.updateOne({ _id: accountId }, { $set: { passwordHash } }).exec();
  }

  async recordSignIn(accountId: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: accountId }, { $set: { lastSignInAt: at } }).exec();
  }
}
