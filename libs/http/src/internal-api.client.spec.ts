import { BadGatewayException, HttpException, ServiceUnavailableException } from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ServiceUnavailableError } from './domain-error';
import { InternalApiClient } from './internal-api.client';
import { INTERNAL_SECRET_HEADER } from './internal-api.guard';

/** A stand-in internal service: answers by path, and records what it was sent. */
function serviceAnswering(handle: (request: IncomingMessage, body: string, response: ServerResponse) => void): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, Buffer.concat(chunks).toString('utf8'), response));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

describe('InternalApiClient', () => {
  let server: Server;
  let client: InternalApiClient;
  const seen: Array<{ method: string; path: string; secret: unknown; body: string }> = [];

  beforeAll(async () => {
    const service = await serviceAnswering((request, body, response) => {
      seen.push({ method: request.method!, path: request.url!, secret: request.headers[INTERNAL_SECRET_HEADER], body });
      const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(JSON.stringify(value));
      };
      if (request.url === '/ok') return json(200, { echoed: body ? JSON.parse(body) : null });
      if (request.url === '/empty') return (response.writeHead(204), response.end());
      if (request.url === '/bad') return json(400, { statusCode: 400, message: 'email: not an address' });
      if (request.url === '/full') return json(503, { statusCode: 503 }, { 'retry-after': '7' });
      json(500, { statusCode: 500, message: 'stack trace the gateway must not pass on' });
    });
    server = service.server;
    client = new InternalApiClient('scheduling', service.url, 'the-secret');
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sends JSON with the internal secret over kept-alive connections, and reads the JSON answer', async () => {
    expect(await client.request('POST', '/ok', { name: 'Kari', seats: [1, 2] })).toEqual({ echoed: { name: 'Kari', seats: [1, 2] } });
    expect(await client.request('GET', '/ok')).toEqual({ echoed: null });
    expect(await client.request('DELETE', '/empty')).toBeUndefined();
    expect(seen.slice(-3).map(({ method, path, secret }) => ({ method, path, secret }))).toEqual([
      { method: 'POST', path: '/ok', secret: 'the-secret' },
      { method: 'GET', path: '/ok', secret: 'the-secret' },
      { method: 'DELETE', path: '/empty', secret: 'the-secret' },
    ]);
  });

  it('relays a 4xx as it came, a 503 as a passing condition with its Retry-After, anything else as 502', async () => {
    const bad = await client.request('POST', '/bad', {}).catch((error: unknown) => error);
    expect(bad).toBeInstanceOf(HttpException);
    expect((bad as HttpException).getStatus()).toBe(400);
    expect((bad as HttpException).getResponse()).toEqual({ statusCode: 400, message: 'email: not an address' });

    const full = await client.request('POST', '/full', {}).catch((error: unknown) => error);
    expect(full).toBeInstanceOf(ServiceUnavailableError);
    expect((full as ServiceUnavailableError).retryAfterSeconds).toBe(7);

    const failed = await client.request('GET', '/broken').catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(BadGatewayException);
    expect(JSON.stringify((failed as BadGatewayException).getResponse())).not.toContain('stack trace');
  });

  it('answers 503 when the service is not there', async () => {
    const away = new InternalApiClient('scheduling', 'http://127.0.0.1:9', 'the-secret');
    await expect(away.request('GET', '/ok')).rejects.toBeInstanceOf(ServiceUnavailableException);
  });
});
