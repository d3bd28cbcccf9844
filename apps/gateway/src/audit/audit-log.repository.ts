import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Repository, scopedToNetwork } from '@hub/persistence';
import { AuditEntry } from './audit-entry.schema';

export interface AuditQuery {
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  /** The last entry of the previous page. */
  after?: { at: Date; id: string };
  limit: number;
}

@Injectable()
export class AuditLogRepository extends Repository<AuditEntry> {
  constructor(@InjectModel(AuditEntry.name) model: Model<AuditEntry>) {
    super(model);
  }

  async append(entry: AuditEntry): Promise<void> {
    await this.model.create(entry);
  }

  /** Newest first, by (at, id) so that entries of the same millisecond page without gaps or repeats. */
  find(networkId: string, query: AuditQuery): Promise<AuditEntry[]> {
    const filter: Record<string, unknown> = {};
    if (query.actorId) filter['actor.id'] = query.actorId;
    if (query.action) filter.action = query.action;
    if (query.from || query.to) filter.at = { ...(query.from && { $gte: query.from }), ...(query.to && { $lt: query.to }) };
    if (query.after) {
      filter.$or = [{ at: { $lt: query.after.at } }, { at: query.after.at, _id: { $lt: query.after.id } }];
    }
    return this.model
      .find(scopedToNetwork(networkId, filter))
      .sort({ at: -1, _id: -1 })
      .limit(query.limit)
      .lean<AuditEntry[]>()
      .exec();
  }
}
