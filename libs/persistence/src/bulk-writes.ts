import type { AnyBulkWriteOperation } from 'mongodb';
import type { Model } from 'mongoose';
import type { BatchOutcome } from './coalescer';

type WithCollection = Pick<Model<any>, 'collection'>;

interface WriteError {
  index: number;
  code?: unknown;
}

/**
 * Inserts documents in one unordered request, each on its own: true where it was inserted, false where its unique key
 * was taken (a claim someone else holds), or that document's own error. The documents go as given, with every field
 * (no schema defaults or casting on this path: it is the hot one). A failure of the request itself (a closed
 * connection), where no document can be told apart, is thrown.
 */
export async function insertEach(model: WithCollection, documents: object[]): Promise<BatchOutcome<boolean>[]> {
  try {
    await model.collection.insertMany(documents, { ordered: false });
    return documents.map(() => ({ ok: true, value: true }));
  } catch (error) {
    // The driver gives one refused document as itself, several as an array.
    const refused = (error as { writeErrors?: WriteError | WriteError[] }).writeErrors;
    if (refused === undefined) throw error;
    const outcomes: BatchOutcome<boolean>[] = documents.map(() => ({ ok: true, value: true }));
    // The whole error for a refusal other than a taken key: storage-error mapping knows its words and codes.
    for (const { index, code } of [refused].flat()) outcomes[index] = code === 11000 ? { ok: true, value: false } : { ok: false, error };
    return outcomes;
  }
}

/**
 * Runs updates in one request (keep it to UPDATES_PER_REQUEST: larger ones can freeze FerretDB), all done or a throw.
 * Not per update: FerretDB 1.24 stops an unordered update command at its first refused statement and reports it at
 * index 0, so after a failure the caller can only know that some of the updates may have been applied.
 */
export async function updateAll(model: WithCollection, updates: Array<{ filter: object; update: object }>): Promise<void> {
  await model.collection.bulkWrite(updates.map(({ filter, update }) => ({ updateOne: { filter, update } }) as AnyBulkWriteOperation));
}
