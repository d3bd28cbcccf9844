import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { createHash } from 'node:crypto';
import { normalizeEmail, SuppressionReason } from '@hub/contracts';
import { replaceIfNewer, Repository } from '@hub/persistence';
import { SuppressedAddress } from './suppressed-address.schema';

@Injectable()
export class SuppressionRepository extends Repository<SuppressedAddress> {
  constructor(@InjectModel(SuppressedAddress.name) model: Model<SuppressedAddress>) {
    super(model);
  }

  static idOf(networkId: string, email: string): string {
    const address = normalizeEmail(email) ?? email.trim().toLowerCase();
    return `${networkId}:${createHash('sha256').update(address).digest('hex')}`;
  }

  /** `reason: null` lifts the suppression. Older states than the stored one are ignored. */
  apply(networkId: string, email: string, emailHash: string, reason: SuppressionReason | null, at: Date): Promise<boolean> {
    return replaceIfNewer(this.model, { _id: SuppressionRepository.idOf(networkId, email), networkId, emailHash, reason, version: at.getTime() });
  }

  /** Why this address must not get mail from this network, or null when it may. */
  async reasonFor(networkId: string, email: string): Promise<SuppressionReason | null> {
    const row = await this.model.findById(SuppressionRepository.idOf(networkId, email), { reason: 1 }).lean<Pick<SuppressedAddress, 'reason'>>().exec();
    return row?.reason ?? null;
  }
}
