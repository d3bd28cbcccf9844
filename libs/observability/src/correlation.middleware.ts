import { Injectable, NestMiddleware } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { Correlation, CORRELATION_HEADER } from './correlation';

/** Adopts the caller's correlation id (the gateway passes its own on) or starts one, and echoes it back. */
@Injectable()
export class CorrelationMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const correlationId = Correlation.sanitize(req.headers[CORRELATION_HEADER]) ?? randomUUID();
    req.headers[CORRELATION_HEADER] = correlationId;
    res.setHeader(CORRELATION_HEADER, correlationId);
    Correlation.run({ correlationId, causationId: null }, next);
  }
}
