import { HttpException, ServiceUnavailableException, BadGatewayException } from '@nestjs/common';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Correlation, CORRELATION_HEADER } from '@hub/observability';
import { ServiceUnavailableError } from './domain-error';
import { INTERNAL_SECRET_HEADER } from './internal-api.guard';

const DEFAULT_RETRY_AFTER_SECONDS = 30;

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * The gateway's synchronous line to one internal service, for what a person waits on. It signs each request with the
 * internal secret, passes the correlation id on, relays the service's 4xx answers unchanged (they already name the
 * field and the problem) and turns an unreachable or failing service into 503/502 without leaking its details.
 */
export class InternalApiClient {
  /** Kept-alive connections for `request`: a new connection per call cost more than the call under load. */
  private readonly agent: HttpAgent;
  private readonly secure: boolean;

  constructor(
    private readonly service: string,
    private readonly baseUrl: string,
    private readonly secret: string,
  ) {
    this.secure = new URL(baseUrl).protocol === 'https:';
    this.agent = this.secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  }

  /**
   * A JSON call, over node:http rather than fetch: fetch's streams and abort signals were a tenth of the gateway's CPU
   * per request in a registration burst, for a body that is read whole anyway.
   */
  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    let answer: JsonAnswer;
    try {
      answer = await this.exchange(method, path, body === undefined ? undefined : JSON.stringify(body));
    } catch {
      throw new ServiceUnavailableException(`${this.service} is not reachable; try again shortly`);
    }
    if (answer.status >= 200 && answer.status < 300) return (answer.text ? JSON.parse(answer.text) : undefined) as T;
    throw this.failure(answer.status, answer.text, answer.retryAfter);
  }

  /**
   * For bodies too large to hold in memory (CSV import and export): sends `body` as a stream and hands back the
   * service's successful response unread, so the caller can pipe it on. Errors map as in `request`.
   */
  stream(method: 'GET' | 'PUT' | 'POST', path: string, body?: ReadableStream<Uint8Array>, contentType = 'application/octet-stream'): Promise<Response> {
    return this.send(method, path, body, contentType, null);
  }

  private async send(method: string, path: string, body: string | ReadableStream<Uint8Array> | undefined, contentType: string, timeoutMs: number | null = REQUEST_TIMEOUT_MS): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          'content-type': contentType,
          [INTERNAL_SECRET_HEADER]: this.secret,
          [CORRELATION_HEADER]: Correlation.currentOrNew().correlationId,
        },
        body,
        ...(typeof body === 'object' && { duplex: 'half' }),
        ...(timeoutMs !== null && { signal: AbortSignal.timeout(timeoutMs) }),
      } as RequestInit);
    } catch {
      throw new ServiceUnavailableException(`${this.service} is not reachable; try again shortly`);
    }
    if (response.ok) return response;
    throw this.failure(response.status, await response.text(), response.headers.get('retry-after'));
  }

  private failure(status: number, text: string, retryAfterHeader: string | null): Error {
    if (status >= 400 && status < 500) return new HttpException((text ? JSON.parse(text) : {}) as Record<string, unknown>, status);
    // The service could not store the change (its database is full, read-only or away): a condition that passes,
    // which the caller should hear as such rather than as a failure of the gateway's own.
    if (status === 503) {
      const retryAfter = Number(retryAfterHeader);
      return new ServiceUnavailableError(
        `${this.service} cannot store changes right now; nothing is lost by trying again later`,
        'service-unavailable',
        Number.isInteger(retryAfter) && retryAfter > 0 ? retryAfter : DEFAULT_RETRY_AFTER_SECONDS,
      );
    }
    return new BadGatewayException(`${this.service} failed to answer; try again shortly`);
  }

  /**
   * One request with its whole answer, within REQUEST_TIMEOUT_MS. A kept-alive connection the service closed just as
   * it was reused fails before the service saw the request (Node's documented race): that one is sent again once.
   */
  private exchange(method: string, path: string, payload: string | undefined, mayRetry = true): Promise<JsonAnswer> {
    return new Promise<JsonAnswer>((resolve, reject) => {
      const headers: Record<string, string | number> = {
        'content-type': 'application/json',
        [INTERNAL_SECRET_HEADER]: this.secret,
        [CORRELATION_HEADER]: Correlation.currentOrNew().correlationId,
      };
      if (payload !== undefined) headers['content-length'] = Buffer.byteLength(payload);
      const request = (this.secure ? httpsRequest : httpRequest)(`${this.baseUrl}${path}`, { method, headers, agent: this.agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        response.on('end', () => {
          clearTimeout(timer);
          const retryAfter = response.headers['retry-after'];
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), retryAfter: typeof retryAfter === 'string' ? retryAfter : null });
        });
      });
      const timer = setTimeout(() => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)), REQUEST_TIMEOUT_MS);
      request.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (mayRetry && request.reusedSocket && error.code === 'ECONNRESET') resolve(this.exchange(method, path, payload, false));
        else reject(error);
      });
      request.end(payload);
    });
  }
}

interface JsonAnswer {
  status: number;
  text: string;
  retryAfter: string | null;
}
