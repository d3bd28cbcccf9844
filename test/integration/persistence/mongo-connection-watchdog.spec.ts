import mongoose, { Schema } from 'mongoose';
import { TestRun } from '@hub/testing';
import { mongoConnectOptions } from '@hub/persistence';
import { MongoConnectionWatchdog } from '@hub/runtime';

jest.setTimeout(60_000);

/**
 * The watchdog's reopening against the real server: after it, the same mongoose connection and its models work
 * again (a force-closed mongoose connection refuses every later operation, reopened or not).
 */
describe('MongoConnectionWatchdog reopening a real connection', () => {
  const run = new TestRun();
  const options = { url: run.stack.mongoUrl, database: `${run.id}_watchdog` };
  const connection = mongoose.createConnection();

  afterAll(async () => {
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  });

  it('leaves the connection and its models working', async () => {
    await connection.openUri(options.url, mongoConnectOptions(options));
    const Thing = connection.model('Thing', new Schema({ _id: String, n: Number }, { versionKey: false }));
    await Thing.create({ _id: 'before', n: 1 });

    // The driver's state cannot be made to stick on purpose; the ping stands in for it, the rest is real.
    const stuck = { db: { admin: () => ({ ping: () => Promise.reject(new Error('connection 2 closed')) }) }, close: connection.close.bind(connection), openUri: connection.openUri.bind(connection) };
    const watchdog = new MongoConnectionWatchdog(stuck as never, options);
    expect(await watchdog.check(0)).toBe(false);
    expect(await watchdog.check(30_000)).toBe(true);

    await Thing.create({ _id: 'after', n: 2 });
    expect((await Thing.find().sort({ _id: 1 }).lean()).map((thing) => thing._id)).toEqual(['after', 'before']);
  });
});
