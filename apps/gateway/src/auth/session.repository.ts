import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { Repository } from '@hub/persistence';
import { Session, SignInFailure } from './session.schema';

@Injectable()
export class SessionRepository extends Repository<Session> {
  constructor(
    @InjectModel(Session.name) model: Model<Session>,
    @InjectModel(SignInFailure.name) private readonly failures: Model<SignInFailure>,
  ) {
    super(model);
  }

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    await this.failures.createCollection().catch(() => undefined);
    await this.failures.createIndexes();
  }

  async create(session: Session): Promise<void> {
    await this.model.create(session);
  }

  findLive(id: string, now: Date): Promise<Session | null> {
    return this.model.findOne({ _id: id, expiresAt: { $gt: now } }).lean<Session>().exec();
  }

  async switchNetwork(id: string, networkId: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { networkId } }).exec();
  }

  async delete(id: string): Promise<void> {
    await this.model.deleteOne({ _id: id }).exec();
  }

  /** FerretDB has no TTL indexes, so expired sessions and old failures are swept instead. */
  async deleteExpired(now: Date, failuresBefore: Date): Promise<void> {
    await this.model.deleteMany({ expiresAt: { $lte: now } }).exec();
    await this.failures.deleteMany({ at: { $lt: failuresBefore } }).exec();
  }

  async recordFailure(email: string, ip: string, at: Date): Promise<void> {
    await this.failures.create({ _id: randomUUID(), email, ip, at });
  }

  countFailures(filter: { email?: string; ip: string }, since: Date): Promise<number> {
    return this.failures.countDocuments({ ...filter, at: { $gt: since } }).exec();
  }

  oldestFailure(filter: { email?: string; ip: string }, since: Date): Promise<SignInFailure | null> {
    return this.failures.findOne({ ...filter, at: { $gt: since } }).sort({ at: 1 }).lean<SignInFailure>().exec();
  }

  async clearFailures(email: string, ip: string): Promise<void> {
    await this.failures.deleteMany({ email, ip }).exec();
  }
}
