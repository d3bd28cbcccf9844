import { Document, MongoClient } from 'mongodb';
import { TestRun } from '@hub/testing';

jest.setTimeout(60_000);

interface Row {
  _id: string;
  n: number;
  state: string;
}

/**
 * Filters with an `_id` condition beside others, and `_id: {$in: [...]}`, are looked up by the `_id` index and still
 * answer exactly as the whole filter says. FerretDB 1.24 used the index only for a filter that is exactly
 * `{_id: value}` and scanned the whole table otherwise (1 000 ids by `$in`: 23 s); the stack tool's build narrows any
 * filter by its `_id` condition (tools/stack/parts/ferretdb-id-pushdown.patch), and the hub's batched reads rely on it.
 */
describe('lookups by _id', () => {
  const run = new TestRun();
  let client: MongoClient;
  const db = () => client.db(`${run.id}_ids`);
  const rows = () => db().collection<Row>('rows');

  beforeAll(async () => {
    client = await MongoClient.connect(run.stack.mongoUrl);
    await rows().insertMany(Array.from({ length: 300 }, (_, n) => ({ _id: `row-${n}`, n, state: n % 2 ? 'odd' : 'even' })));
  });

  afterAll(async () => {
    await db().dropDatabase().catch(() => undefined);
    await client.close();
  });

  /** FerretDB explains a find with its SQLite plan; MongoDB uses its _id index for these filters anyway. */
  async function usesIdIndex(filter: Document): Promise<boolean> {
    const explained = await db().command({ explain: { find: 'rows', filter } });
    if (explained.filterPushdown === undefined) return true;
    return explained.filterPushdown === true && JSON.stringify(explained.queryPlanner).includes('USING INDEX');
  }

  it('answers _id with other conditions exactly, by the index', async () => {
    const filter = { _id: 'row-7', state: 'even' };
    expect(await rows().find(filter).toArray()).toEqual([]);
    expect(await rows().find({ _id: 'row-7', state: 'odd' }).toArray()).toEqual([{ _id: 'row-7', n: 7, state: 'odd' }]);
    expect(await usesIdIndex(filter)).toBe(true);
  });

  it('answers _id $in exactly, ids not there and of other types included, by the index', async () => {
    const filter = { _id: { $in: ['row-1', 'row-2', 'row-299', 'missing'] } };
    const found = await rows().find(filter).toArray();
    expect(found.map((row) => row._id).sort()).toEqual(['row-1', 'row-2', 'row-299']);
    expect((await rows().find({ _id: { $in: ['row-1', 2 as never] } }).toArray()).map((row) => row._id)).toEqual(['row-1']);
    expect(await rows().countDocuments({ _id: { $in: ['row-3', 'row-4'] }, state: 'odd' })).toBe(1);
    expect(await usesIdIndex(filter)).toBe(true);
  });

  it('answers _id $in of no ids with nothing, without a scan', async () => {
    const filter = { _id: { $in: [] } };
    expect(await rows().find(filter).toArray()).toEqual([]);
    expect(await rows().countDocuments({ _id: { $in: [] }, state: 'odd' })).toBe(0);
    const explained = await db().command({ explain: { find: 'rows', filter } });
    if (explained.filterPushdown !== undefined) expect(explained.filterPushdown).toBe(true);
  });

  it('applies a conditional update by _id once, as the whole filter says', async () => {
    const moves = await Promise.all(Array.from({ length: 10 }, () => rows().updateOne({ _id: 'row-10', state: 'even' }, { $set: { state: 'moved' } })));
    expect(moves.reduce((sum, result) => sum + result.modifiedCount, 0)).toBe(1);
    expect((await rows().updateOne({ _id: 'row-11', state: 'even' }, { $set: { state: 'moved' } })).matchedCount).toBe(0);
    expect(await rows().findOne({ _id: 'row-11' })).toEqual({ _id: 'row-11', n: 11, state: 'odd' });
  });

  it('leaves other filters to a scan, which still answers', async () => {
    expect(await rows().countDocuments({ _id: { $nin: ['row-1'] } })).toBe(299);
    expect(await rows().countDocuments({ n: { $lt: 5 } })).toBe(5);
  });
});
