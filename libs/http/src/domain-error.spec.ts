import { HttpStatus, type ArgumentsHost } from '@nestjs/common';
import IORedis from 'ioredis';
import { createServer } from 'node:net';
import { ErrorMappingFilter } from './domain-error';

/** The filter's answer to `error`, through a stand-in for Express's response. */
function answer(error: unknown) {
  const sent = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const response = {
    status(code: number) {
      sent.status = code;
      return response;
    },
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
      return response;
    },
    json(body: unknown) {
      sent.body = body;
      return response;
    },
  };
  const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  new ErrorMappingFilter().catch(error, host);
  return sent;
}

describe('ErrorMappingFilter and the database', () => {
  it.each([
    ['full', Object.assign(new Error('[collection.go:135 sqlite.(*collection).InsertAll.func1] database or disk is full (13)'), { name: 'MongoServerError', code: 1 }), /full/],
    ['read-only', Object.assign(new Error('attempt to write a readonly database (8)'), { name: 'MongoServerError', code: 1 }), /read-only/],
    ['MongoDB out of disk space', Object.assign(new Error('Out of disk space'), { name: 'MongoServerError', code: 14031 }), /full/],
    ['unreachable', Object.assign(new Error('Server selection timed out after 30000 ms'), { name: 'MongoServerSelectionError' }), /cannot be reached/],
  ])('%s: 503 storage-unavailable with Retry-After, saying the change was not stored', (_, error, words) => {
    const sent = answer(error);
    expect(sent.status).toBe(HttpStatus.SERVICE_UNAVAILABLE);
    expect(sent.headers['retry-after']).toBe('30');
    expect(sent.body).toMatchObject({ statusCode: 503, error: 'storage-unavailable', message: expect.stringMatching(words) });
    expect((sent.body as { message: string }).message).toMatch(/not stored/);
  });
});

describe('ErrorMappingFilter and bulk writes', () => {
  it('a bulk write cut by a closed connection, or refused for a full disk, is 503 too', () => {
    const cut = Object.assign(new Error('connection 2 to 127.0.0.1:37017 closed'), { name: 'MongoBulkWriteError', writeErrors: [] });
    expect(answer(cut).status).toBe(HttpStatus.SERVICE_UNAVAILABLE);
    const fullInBulk = Object.assign(new Error('write errors'), { name: 'MongoBulkWriteError', writeErrors: [{ code: 1, errmsg: 'database or disk is full (13)' }] });
    expect(answer(fullInBulk).body).toMatchObject({ error: 'storage-unavailable', message: expect.stringMatching(/full/) });
  });
});

describe('ErrorMappingFilter and Redis', () => {
  /** What ioredis rejects a command with when no Redis answers on a port nobody listens on. */
  async function redisErrors(): Promise<unknown[]> {
    const server = createServer();
    const port = await new Promise<number>((done) => server.listen(0, '127.0.0.1', () => done((server.address() as { port: number }).port)));
    await new Promise((done) => server.close(done));
    const retrying = new IORedis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1, retryStrategy: (attempt) => (attempt > 3 ? null : 10) });
    const errors = [await retrying.incr('x').catch((error: unknown) => error)];
    errors.push(await retrying.incr('x').catch((error: unknown) => error));
    retrying.disconnect();
    return errors;
  }

  it('a command that found no Redis is 503, not 500: the rate limits cannot be counted, nothing was done', async () => {
    const errors = await redisErrors();
    expect(errors.map((error) => (error as Error).name)).toContain('MaxRetriesPerRequestError');
    for (const error of errors) {
      const sent = answer(error);
      expect(sent.status).toBe(HttpStatus.SERVICE_UNAVAILABLE);
      expect(sent.headers['retry-after']).toBe('5');
      expect(sent.body).toMatchObject({ error: 'storage-unavailable', message: expect.stringMatching(/nothing was done/) });
    }
  });
});
