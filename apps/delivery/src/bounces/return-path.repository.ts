import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Coalescer, insertEach, Repository } from '@hub/persistence';
import { ReturnPathRecord } from './return-path.schema';

@Injectable()
export class ReturnPathRepository extends Repository<ReturnPathRecord> {
  /** One record per message sent: concurrent jobs' records go in one request. */
  private readonly records: Coalescer<ReturnPathRecord, boolean>;

  constructor(@InjectModel(ReturnPathRecord.name) model: Model<ReturnPathRecord>) {
    super(model);
    this.records = new Coalescer((records) => insertEach(model, records), { maxBatch: 100 });
  }

  /** Insert-only: a retry of the same message finds its record already there, which is the same record. */
  async record(record: ReturnPathRecord): Promise<void> {
    await this.records.call(record);
  }

  /** A scan on FerretDB (createdAt has no usable index there), which is why it runs rarely. */
  async deleteOlderThan(before: Date): Promise<number> {
    return (await this.model.deleteMany({ createdAt: { $lt: before } }).exec()).deletedCount;
  }

  findById(id: string): Promise<ReturnPathRecord | null> {
    return this.model.findById(id).lean<ReturnPathRecord>().exec();
  }
}
