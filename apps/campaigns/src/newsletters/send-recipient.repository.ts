import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { isDuplicateKeyError, Repository, retryWhileBusy } from '@hub/persistence';
import { SendRecipient, sendRecipientId } from './send-recipient.schema';

@Injectable()
export class SendRecipientRepository extends Repository<SendRecipient> {
  constructor(@InjectModel(SendRecipient.name) model: Model<SendRecipient>) {
    super(model);
  }

  /** Stores a page of the snapshot; recipients stored before (a page taken again after a crash) are left as they are. */
  async insertPage(recipients: SendRecipient[]): Promise<void> {
    if (recipients.length === 0) return;
    try {
      await retryWhileBusy(() => this.model.insertMany(recipients, { ordered: false }));
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const writeErrors = (error as { writeErrors?: Array<{ code?: number }> }).writeErrors ?? [];
      if (writeErrors.some((writeError) => writeError.code !== 11000)) throw error;
    }
  }

  /** Every recipient of the send in pages, through one database cursor (no sort: FerretDB sorts by scanning). */
  async *pagesOf(sendId: string, pageSize: number): AsyncGenerator<SendRecipient[]> {
    let page: SendRecipient[] = [];
    for await (const recipient of this.model.find({ sendId }).lean<SendRecipient>().batchSize(pageSize).cursor()) {
      page.push(recipient);
      if (page.length === pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  findOne(sendId: string, contactId: string): Promise<SendRecipient | null> {
    return this.model.findById(sendRecipientId(sendId, contactId)).lean<SendRecipient>().exec();
  }

  /** Records that the person left these lists; returns true when they left every list they came through. */
  async leave(recipient: SendRecipient, listIds: string[]): Promise<boolean> {
    const remaining = recipient.listIds.filter((listId) => !listIds.includes(listId));
    await retryWhileBusy(() => this.model.updateOne({ _id: recipient._id }, { $set: { listIds: remaining, skipped: remaining.length === 0 } }).exec());
    return remaining.length === 0;
  }

  countSkipped(sendId: string): Promise<number> {
    return this.model.countDocuments({ sendId, skipped: true }).exec();
  }
}
