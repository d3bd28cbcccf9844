import { ArgumentsHost, Catch, HttpStatus } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { throwError } from 'rxjs';

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

/**
 * The one place errors become answers. HTTP: a DomainError becomes its status with `{statusCode, error, message}`;
 * anything else gets Nest's default handling (HttpExceptions as they are, the rest a logged 500). Kafka: the error
 * goes back to the transport untouched, whose retries and dead-letter headers need the real reason.
 */
@Catch()
export class ErrorMappingFilter extends BaseExceptionFilter {
  override catch(error: unknown, host: ArgumentsHost) {
    if (host.getType() === 'rpc') return throwError(() => error);
    if (error instanceof DomainError) {
      const response = host.switchToHttp().getResponse<Response>();
      response.status(error.status).json({ statusCode: error.status, error: error.code, message: error.message });
      return;
    }
    return super.catch(error, host);
  }
}
