import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { createHash } from 'node:crypto';
import { normalizeEmail, SuppressionReason } from '@hub/contracts';
import { Coalescer, replaceIfNewer, Repository } from '@hub/persistence';
import { SuppressedAddress } from './suppressed-address.schema';

@Injectable()
export class SuppressionRepository extends Repository<SuppressedAddress> {
  /**
   * The send-time checks of concurrent jobs, read together by `_id: {$in}`: one lookup per message was a database
   * round trip in every send (about 0.5 ms of FerretDB's CPU each, a fifth as much per id in a batch of 20).
   */
  private readonly reasons: Coalescer<string, SuppressionReason | null>;

  constructor(@InjectModel(SuppressedAddress.name) model: Model<SuppressedAddress>) {
    super(model);
    this.reasons = new Coalescer(async (ids) => {
      const rows = await model.find({ _id: { $in: [...new Set(ids)] } }, { reason: 1 }).lean<Array<Pick<SuppressedAddress, '_id' | 'reason'>>>().exec();
      const reasonOf = new Map(rows.map((row) => [row._id, row.reason]));
      return ids.map((id) => ({ ok: true as const, value: reasonOf.get(id) ?? null }));
    }, { maxBatch: 100 });
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
  reasonFor(networkId: string, email: string): Promise<SuppressionReason | null> {
    return this.reasons.call(SuppressionRepository.idOf(networkId, email));
  }
}
