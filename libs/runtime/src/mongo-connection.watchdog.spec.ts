import { MongoConnectionWatchdog } from './mongo-connection.watchdog';

/** A connection whose pings answer or fail as told, recording reopenings. */
function connection(pingAnswers: () => boolean) {
  const calls: string[] = [];
  const fake = {
    db: { admin: () => ({ ping: async () => (pingAnswers() ? { ok: 1 } : Promise.reject(new Error('connection 2 to 127.0.0.1:27017 closed'))) }) },
    close: async () => void calls.push('close'),
    openUri: async (url: string, options: { dbName?: string }) => void calls.push(`open ${url} ${options.dbName}`),
  };
  return { fake: fake as never, calls };
}

const options = { url: 'mongodb://127.0.0.1:27017', database: 'hub_delivery' };

describe('MongoConnectionWatchdog', () => {
  it('reopens a connection that has answered nothing for 30 s while a new client is answered', async () => {
    const { fake, calls } = connection(() => false);
    const watchdog = new MongoConnectionWatchdog(fake, options, async () => true);
    expect(await watchdog.check(0)).toBe(false);
    expect(await watchdog.check(29_000)).toBe(false);
    expect(await watchdog.check(30_000)).toBe(true);
    expect(calls).toEqual(['close', 'open mongodb://127.0.0.1:27017 hub_delivery']);
  });

  it('leaves the connection alone while the database itself is down', async () => {
    const { fake, calls } = connection(() => false);
    const watchdog = new MongoConnectionWatchdog(fake, options, async () => false);
    await watchdog.check(0);
    expect(await watchdog.check(120_000)).toBe(false);
    expect(calls).toEqual([]);
  });

  it('starts counting again after an answer', async () => {
    let answering = false;
    const { fake, calls } = connection(() => answering);
    const watchdog = new MongoConnectionWatchdog(fake, options, async () => true);
    await watchdog.check(0);
    answering = true;
    await watchdog.check(20_000);
    answering = false;
    await watchdog.check(25_000);
    expect(await watchdog.check(50_000)).toBe(false);
    expect(await watchdog.check(55_000)).toBe(true);
    expect(calls).toHaveLength(2);
  });
});
