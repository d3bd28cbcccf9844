import { ArgumentsHost, Catch, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { throwError } from 'rxjs';
import { storageUnavailableReason, type StorageUnavailableReason } from '@hub/persistence';

/** How long a client should wait before trying again when the database cannot take its request. */
const STORAGE_RETRY_AFTER_SECONDS = 30;

const STORAGE_MESSAGES: Record<StorageUnavailableReason, string> = {
  full: 'The database is full: the change was not stored. Try again later; repeating the request is safe.',
  'read-only': 'The database is read-only: the change was not stored. Try again later; repeating the request is safe.',
  unreachable: 'The database cannot be reached: the change was not stored. Try again shortly; repeating the request is safe.',
};

/**
 * Base of the errors services throw for expected situations (not found, conflict, expired link). Services stay free
 * of HTTP; the filter below maps them at the edge.
 */
export abstract class DomainError extends Error {
  abstract readonly status: HttpStatus;
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A condition that passes (the database full or away, a service restarting): the client should try again later. */
export class ServiceUnavailableError extends DomainError {
  readonly status = HttpStatus.SERVICE_UNAVAILABLE;
  constructor(
    message: string,
    code: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, code);
  }
}

const REDIS_UNAVAILABLE_MESSAGE = 'A store this request needs cannot be reached: nothing was done. Try again shortly; repeating the request is safe.';
/** Redis comes back within seconds of a restart (the chaos suite's), unlike a full disk. */
const REDIS_RETRY_AFTER_SECONDS = 5;

/**
 * ioredis's own words for "no Redis to talk to" (the rate limits and upload store of the gateway use it): a command
 * that ran out of reconnection attempts, or one sent on a connection that is closed. A connection refused is the
 * socket's ECONNREFUSED, which the storage check already recognises.
 */
function redisUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, message } = error as { name?: unknown; message?: unknown };
  return name === 'MaxRetriesPerRequestError' || message === 'Connection is closed.';
}

/**
 * The one place errors become answers. HTTP: a DomainError becomes its status with `{statusCode, error, message}`;
 * the database being full, read-only or unreachable becomes 503 `storage-unavailable` with Retry-After (the change
 * was not stored, and it is not the caller's fault); anything else gets Nest's default handling (HttpExceptions as
 * they are, the rest a logged 500). Kafka: the error goes back to the transport untouched, whose retries and
 * dead-letter headers need the real reason.
 */
@Catch()
export class ErrorMappingFilter extends BaseExceptionFilter {
  private static readonly storageLogger = new Logger('ErrorMappingFilter');

  override catch(error: unknown, host: ArgumentsHost) {
    if (host.getType() === 'rpc') return throwError(() => error);
    const mapped = ErrorMappingFilter.domainErrorOf(error);
    if (mapped) {
      const response = host.switchToHttp().getResponse<Response>();
      if (mapped instanceof ServiceUnavailableError) response.setHeader('retry-after', String(mapped.retryAfterSeconds));
      response.status(mapped.status).json({ statusCode: mapped.status, error: mapped.code, message: mapped.message });
      return;
    }
    return super.catch(error, host);
  }

  /** The error as the DomainError it stands for, or null for Nest's default handling. */
  static domainErrorOf(error: unknown): DomainError | null {
    if (error instanceof DomainError) return error;
    if (redisUnavailable(error)) {
      ErrorMappingFilter.storageLogger.warn(`answered 503, Redis cannot be reached: ${(error as Error).message}`);
      return new ServiceUnavailableError(REDIS_UNAVAILABLE_MESSAGE, 'storage-unavailable', REDIS_RETRY_AFTER_SECONDS);
    }
    const storage = storageUnavailableReason(error);
    if (!storage) return null;
    ErrorMappingFilter.storageLogger.warn(`answered 503, the database is ${storage}: ${(error as Error).message}`);
    return new ServiceUnavailableError(STORAGE_MESSAGES[storage], 'storage-unavailable', STORAGE_RETRY_AFTER_SECONDS);
  }
}
