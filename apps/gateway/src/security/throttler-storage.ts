import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type IORedis from 'ioredis';
import type { RedisOptions } from 'ioredis';

type ThrottleCommand = (hitKey: string, blockKey: string, name: string, ttl: number, limit: number, blockDuration: number) => Promise<unknown>;

/**
 * The library's Redis storage with its Lua script run by SHA: the library sends the whole script (about 900 bytes)
 * with EVAL for every throttler of every request, which Redis hashes each time and the gateway encodes each time (3 %
 * of its CPU in a registration burst, profiled). ioredis's `defineCommand` runs it with EVALSHA, and with EVAL only
 * when Redis does not know it (after a restart). Same keys and script, so replicas on either version count together.
 */
export class ThrottlerStorage extends ThrottlerStorageRedisService {
  private readonly throttle: ThrottleCommand;

  constructor(url: string, options: RedisOptions) {
    super(url, options);
    const redis = this.redis as IORedis;
    redis.defineCommand('throttle', { numberOfKeys: 2, lua: this.scriptSrc });
    this.throttle = (redis as unknown as { throttle: ThrottleCommand }).throttle.bind(redis);
  }

  override async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const result = await this.throttle(`{${key}:${throttlerName}}:hits`, `{${key}:${throttlerName}}:blocked`, throttlerName, ttl, limit, blockDuration);
    if (!Array.isArray(result) || result.length !== 4 || !result.every((value) => typeof value === 'number')) {
      throw new TypeError(`the throttle script answered ${JSON.stringify(result)}, not four numbers`);
    }
    const [totalHits, timeToExpire, isBlocked, timeToBlockExpire] = result as number[];
    return { totalHits, timeToExpire: Math.ceil(timeToExpire / 1000), isBlocked: isBlocked === 1, timeToBlockExpire: Math.ceil(timeToBlockExpire / 1000) };
  }
}
