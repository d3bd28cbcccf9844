import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';

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

@Catch(DomainError)
export class DomainErrorFilter implements ExceptionFilter<DomainError> {
  catch(error: DomainError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response.status(error.status).json({ statusCode: error.status, error: error.code, message: error.message });
  }
}
