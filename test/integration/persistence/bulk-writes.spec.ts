import mongoose, { Schema } from 'mongoose';
import { TestRun } from '@hub/testing';
import { Coalescer, insertEach, mongoConnectOptions, updateAll } from '@hub/persistence';

jest.setTimeout(60_000);

/**
 * The batched writes the hot paths rest on, against the real server: a unique key taken is told apart per document
 * (the claim guarantee), and concurrent claims of one key through a coalescer give it to exactly one caller.
 */
describe('insertEach and updateAll on FerretDB', () => {
  const run = new TestRun();
  const options = { url: run.stack.mongoUrl, database: `${run.id}_bulk_writes` };
  const connection = mongoose.createConnection();
  const Claim = connection.model('Claim', new Schema({ _id: String, by: String, n: Number }, { versionKey: false }));

  beforeAll(async () => {
    await connection.openUri(options.url, mongoConnectOptions(options));
    await Claim.createCollection();
  });

  afterAll(async () => {
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  });

  it('inserts each document on its own: taken keys answer false, the rest are stored', async () => {
    await Claim.create({ _id: 'taken', by: 'earlier', n: 0 });
    const outcomes = await insertEach(Claim, [
      { _id: 'a', by: 'first', n: 1 },
      { _id: 'taken', by: 'second', n: 2 },
      { _id: 'b', by: 'third', n: 3 },
      { _id: 'a', by: 'fourth', n: 4 },
    ]);
    expect(outcomes).toEqual([
      { ok: true, value: true },
      { ok: true, value: false },
      { ok: true, value: true },
      { ok: true, value: false },
    ]);
    const stored = await Claim.find().sort({ _id: 1 }).lean();
    expect(stored.map(({ _id, by }) => [_id, by])).toEqual([
      ['a', 'first'],
      ['b', 'third'],
      ['taken', 'earlier'],
    ]);
  });

  it('gives each key to exactly one of many concurrent callers', async () => {
    const claims = new Coalescer<{ _id: string; by: string }, boolean>((rows) => insertEach(Claim, rows), { maxBatch: 7 });
    const callers = Array.from({ length: 60 }, (_, i) => ({ _id: `key-${i % 12}`, by: `caller-${i}` }));
    const won = await Promise.all(callers.map((caller) => claims.call(caller)));
    const winners = callers.filter((_, i) => won[i]);
    expect(winners).toHaveLength(12);
    expect(new Set(winners.map((winner) => winner._id)).size).toBe(12);
    const stored = await Claim.find({ _id: { $regex: /^key-/ } }).lean();
    expect(stored.map(({ _id, by }) => `${_id} ${by}`).sort()).toEqual(winners.map(({ _id, by }) => `${_id} ${by}`).sort());
  });

  it('applies a batch of updates, or throws when the server refuses one of them', async () => {
    await Claim.create([{ _id: 'u1', n: 1 }, { _id: 'u2', n: 2, by: 'text' }]);
    await updateAll(Claim, [
      { filter: { _id: 'u1' }, update: { $inc: { n: 10 } } },
      { filter: { _id: 'u2' }, update: { $set: { by: 'set' } } },
    ]);
    expect((await Claim.find({ _id: { $in: ['u1', 'u2'] } }).sort({ _id: 1 }).lean()).map(({ n, by }) => [n, by ?? null])).toEqual([
      [11, null],
      [2, 'set'],
    ]);
    // $inc of a string: refused by the server.
    await expect(updateAll(Claim, [{ filter: { _id: 'u2' }, update: { $inc: { by: 1 } } }])).rejects.toThrow(/non-numeric/);
  });
});
