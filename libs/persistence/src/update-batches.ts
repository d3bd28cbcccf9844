/**
 * The most update statements (updateOne, replaceOne …) to send in one request. FerretDB 1.24 keeps one of a
 * database's 100 SQLite connections per statement of an update command until the whole command ends, and each
 * statement's write needs one more: a command of 100 statements deadlocks that database for good (measured: 99 do
 * not, 100 do, with nothing else running). Inserts are not affected. MongoDB has no such limit; small batches cost it
 * nothing either.
 */
export const UPDATES_PER_REQUEST = 10;

/** `operations` in groups of at most UPDATES_PER_REQUEST, for one bulk write each. */
export function updateBatches<T>(operations: T[]): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < operations.length; start += UPDATES_PER_REQUEST) batches.push(operations.slice(start, start + UPDATES_PER_REQUEST));
  return batches;
}
