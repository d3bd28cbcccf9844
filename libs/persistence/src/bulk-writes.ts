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
 * was taken (a claim someone else holds). The documents go as given, with every field (no schema defaults or casting
 * on this path: it is the hot one). Any other refusal fails every document of the request: FerretDB 1.24 may stop a
 * command at its first refused statement (the chaos suite's read-only database showed it), so which of the others
 * were stored is not known; failing them all sends a caller down its retry path rather than on as if written.
 */
export async function insertEach(model: WithCollection, documents: object[]): Promise<BatchOutcome<boolean>[]> {
  try {
    await model.collection.insertMany(documents, { ordered: false });
    return documents.map(() => ({ ok: true, value: true }));
  } catch (error) {
    const writeErrors = (error as { writeErrors?: WriteError[] }).writeErrors ?? [];
    if (writeErrors.length === 0 || writeErrors.some(({ code }) => code !== 11000)) throw error;
    const taken = new Set(writeErrors.map(({ index }) => index));
    return documents.map((_, index) => ({ ok: true, value: !taken.has(index) }));
  }
}

/** Whether insertEach stored this document. */
export function isInserted(outcome: BatchOutcome<boolean>): boolean {
  return outcome.ok && outcome.value;
}

/**
 * Runs updates in one request (keep it to UPDATES_PER_REQUEST: larger ones can freeze FerretDB), all done or a throw.
 * Not per update: FerretDB 1.24 stops an unordered update command at its first refused statement and reports it at
 * index 0, so after a failure the caller can only know that some of the updates may have been applied.
 */
export async function updateAll(model: WithCollection, updates: Array<{ filter: object; update: object }>): Promise<void> {
  await model.collection.bulkWrite(updates.map(({ filter, update }) => ({ updateOne: { filter, update } }) as AnyBulkWriteOperation));
}
