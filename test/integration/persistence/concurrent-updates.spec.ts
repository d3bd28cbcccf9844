import { MongoClient } from 'mongodb';
import { TestRun } from '@hub/testing';

jest.setTimeout(60_000);

interface Counted {
  _id: string;
  n: number;
  tags: number[];
  language?: string;
  outbox: Array<{ id: string }>;
}

/**
 * Every concurrent update of one document applies, as MongoDB's single-document atomicity promises. FerretDB 1.24
 * read, changed and wrote a document back with nothing between the read and the write, so one of two concurrent
 * updates was lost (240 of 500 here); the stack tool's build patches that (tools/stack/parts/ferretdb-atomic-updates.patch).
 * Found through the outbox relay: its removal of published events wrote over a contact's language changed a moment
 * before.
 */
describe('concurrent updates of one document', () => {
  const run = new TestRun();
  let client: MongoClient;
  const docs = () => client.db(`${run.id}_updates`).collection<Counted>('docs');

  beforeAll(async () => {
    client = await MongoClient.connect(run.stack.mongoUrl, { maxPoolSize: 50 });
  });

  afterAll(async () => {
    await client.db(`${run.id}_updates`).dropDatabase().catch(() => undefined);
    await client.close();
  });

  it('applies each of 100 concurrent $inc and $push', async () => {
    await docs().insertOne({ _id: 'counted', n: 0, tags: [], outbox: [] });
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? docs().updateOne({ _id: 'counted' }, { $inc: { n: 1 } }) : docs().updateOne({ _id: 'counted' }, { $push: { tags: i } }))),
    );
    const stored = await docs().findOne({ _id: 'counted' });
    expect({ n: stored!.n, tags: stored!.tags.length }).toEqual({ n: 50, tags: 50 });
  });

  it("keeps a field set while the relay's $pullAll removes published events", async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `contact-${i}`);
    await docs().insertMany(ids.map((_id) => ({ _id, n: 0, tags: [], language: 'fi', outbox: [{ id: `event-of-${_id}` }] })));
    await Promise.all(
      ids.flatMap((_id) => [
        docs().updateOne({ _id }, { $pullAll: { outbox: [{ id: `event-of-${_id}` }] } }),
        docs().updateOne({ _id }, { $set: { language: 'da' } }),
      ]),
    );
    const stored = await docs().find({ _id: { $in: ids } }).toArray();
    expect(stored.filter((doc) => doc.language !== 'da' || doc.outbox.length > 0).map((doc) => doc._id)).toEqual([]);
  });

  it('does not apply an update to a document that stopped matching its filter meanwhile', async () => {
    await docs().insertOne({ _id: 'claimed', n: 0, tags: [], outbox: [] });
    // Twenty claims of one document, each only while n is 0: exactly one wins, as on MongoDB.
    const results = await Promise.all(Array.from({ length: 20 }, () => docs().updateOne({ _id: 'claimed', n: 0 }, { $inc: { n: 1 } })));
    expect(results.reduce((sum, result) => sum + result.modifiedCount, 0)).toBe(1);
    expect((await docs().findOne({ _id: 'claimed' }))!.n).toBe(1);
  });
});
