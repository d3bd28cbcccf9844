import { CallHandler, ExecutionContext, Injectable, Logger, NestInterceptor } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { from, Observable, of } from 'rxjs';
import { catchError, map, mergeMap } from 'rxjs/operators';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { actorOf } from '../auth/principal';
import { AuditLogRepository } from './audit-log.repository';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every change made by a signed-in coordinator or an API key lands in the audit log after it succeeded. Written in
 * one place so that no new endpoint can forget it; reads are not logged.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditInterceptor.name);

  constructor(private readonly audit: AuditLogRepository) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (READ_METHODS.has(request.method)) return next.handle();
    return next.handle().pipe(
      mergeMap((result) => {
        const principal = request.principal;
        if (!principal) return of(result);
        const response = context.switchToHttp().getResponse<Response>();
        const entry = {
          _id: randomUUID(),
          networkId: principal.networkId,
          actor: actorOf(principal),
          action: `${request.method} ${request.baseUrl}${(request.route?.path as string | undefined) ?? request.path}`,
          target: { ...(request.params as Record<string, string>) },
          status: response.statusCode,
          at: new Date(),
          ip: request.ip ?? null,
          userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
        };
        return from(this.audit.append(entry)).pipe(
          catchError((error: Error) => {
            this.logger.error(`audit entry not written for ${entry.action}: ${error.message}`);
            return of(undefined);
          }),
          map(() => result),
        );
      }),
    );
  }
}
