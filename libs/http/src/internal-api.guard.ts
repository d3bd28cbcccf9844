import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

export const INTERNAL_SECRET_HEADER = 'x-internal-secret';
export const INTERNAL_API_SECRET = Symbol('INTERNAL_API_SECRET');

/** Probes and scrapers reach these without credentials; they reveal nothing about any network. */
export function isOperationalPath(path: string): boolean {
  return /^\/(health\/(live|ready)|metrics)$/.test(path);
}

/**
 * Installed globally in every internal service: a request that does not carry the gateway's secret is refused, so
 * reaching a service port directly bypasses nothing.
 */
@Injectable()
export class InternalApiGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(INTERNAL_API_SECRET) secret: string) {
    this.expected = Buffer.from(secret);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (isOperationalPath(request.path)) return true;
    const given = Buffer.from(String(request.headers[INTERNAL_SECRET_HEADER] ?? ''));
    if (given.length === this.expected.length && timingSafeEqual(given, this.expected)) return true;
    throw new UnauthorizedException('internal endpoint: requests must come through the gateway');
  }
}
