import { HttpException, ServiceUnavailableException, BadGatewayException } from '@nestjs/common';
import { Correlation, CORRELATION_HEADER } from '@hub/observability';
import { INTERNAL_SECRET_HEADER } from './internal-api.guard';

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
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          [INTERNAL_SECRET_HEADER]: this.secret,
          [CORRELATION_HEADER]: Correlation.currentOrNew().correlationId,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch {
      throw new ServiceUnavailableException(`${this.service} is not reachable; try again shortly`);
    }
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (response.ok) return parsed as T;
    if (response.status >= 400 && response.status < 500) {
      throw new HttpException(parsed as Record<string, unknown>, response.status);
    }
    throw new BadGatewayException(`${this.service} failed to answer; try again shortly`);
  }
}
