import { HttpException, ServiceUnavailableException, BadGatewayException } from '@nestjs/common';
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
  constructor(
    private readonly service: string,
    private readonly baseUrl: string,
    private readonly secret: string,
  ) {}

  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body === undefined ? undefined : JSON.stringify(body), 'application/json');
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
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
    const text = await response.text();
    if (response.status >= 400 && response.status < 500) {
      throw new HttpException((text ? JSON.parse(text) : {}) as Record<string, unknown>, response.status);
    }
    // The service could not store the change (its database is full, read-only or away): a condition that passes,
    // which the caller should hear as such rather than as a failure of the gateway's own.
    if (response.status === 503) {
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new ServiceUnavailableError(
        `${this.service} cannot store changes right now; nothing is lost by trying again later`,
        'service-unavailable',
        Number.isInteger(retryAfter) && retryAfter > 0 ? retryAfter : DEFAULT_RETRY_AFTER_SECONDS,
      );
    }
    throw new BadGatewayException(`${this.service} failed to answer; try again shortly`);
  }
}
