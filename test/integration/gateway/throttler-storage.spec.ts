import IORedis from 'ioredis';
import { TestRun } from '@hub/testing';
import { ThrottlerStorage } from '../../../apps/gateway/src/security/throttler-storage';

/** The rate limits' counter on the real Redis: counts, blocks past the limit, and survives Redis forgetting the script. */
describe('the gateway rate limits’ Redis storage', () => {
  const run = new TestRun();
  const prefix = `${run.id}:throttle:`;
  const storage = new ThrottlerStorage(run.stack.redisUrl, { keyPrefix: prefix });
  const redis = new IORedis(run.stack.redisUrl);

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    storage.onModuleDestroy();
    redis.disconnect();
  });

  it('counts hits per key and throttler and blocks past the limit for the block duration', async () => {
    const hits = [];
    for (let i = 0; i < 4; i++) hits.push(await storage.increment('10.0.0.1', 60_000, 3, 30_000, 'default'));
    expect(hits.map((hit) => [hit.totalHits, hit.isBlocked])).toEqual([[1, false], [2, false], [3, false], [4, true]]);
    expect(hits[3].timeToBlockExpire).toBe(30);
    expect(hits[0].timeToExpire).toBe(60);
    // Another throttler and another client have their own counts.
    expect((await storage.increment('10.0.0.1', 60_000, 3, 30_000, 'sign-up')).totalHits).toBe(1);
    expect((await storage.increment('10.0.0.2', 60_000, 3, 30_000, 'default')).totalHits).toBe(1);
  });

  it('runs the script by its SHA, and sends it again when Redis has forgotten it', async () => {
    const evalCalls = async () => Number(/cmdstat_eval:calls=(\d+)/.exec(await redis.info('commandstats'))?.[1] ?? 0);
    await storage.increment('10.0.0.3', 60_000, 10, 1_000, 'default');
    const before = await evalCalls();
    await storage.increment('10.0.0.3', 60_000, 10, 1_000, 'default');
    expect(await evalCalls()).toBe(before);
    await redis.script('FLUSH');
    expect((await storage.increment('10.0.0.3', 60_000, 10, 1_000, 'default')).totalHits).toBe(3);
  });
});
