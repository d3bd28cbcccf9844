import type { Model } from 'mongoose';
import { isDuplicateKeyError } from './duplicate-key';
import { retryWhileBusy } from './busy-retry';

/**
 * For read models fed by events: stores `doc` under `_id` unless the stored one carries a version at least as high,
 * so an older event that arrives late (a redelivery, a replay) never overwrites a newer state. The upsert of a
 * document whose stored version is newer collides on `_id`: that is the "ignore it" answer. Returns whether it was
 * stored.
 */
export async function replaceIfNewer<T extends { _id: string; version: number }>(model: Model<T>, doc: T): Promise<boolean> {
  try {
    const result = await retryWhileBusy(() =>
      model.replaceOne({ _id: doc._id, version: { $lt: doc.version } } as never, doc as never, { upsert: true }).exec(),
    );
    return result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}
