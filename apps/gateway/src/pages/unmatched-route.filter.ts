import { ArgumentsHost, Catch, HttpServer, HttpStatus, NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ErrorMappingFilter } from '@hub/http';
import { ConsoleExceptionFilter, isConsolePath } from '../console/console-exception.filter';
import type { ConsolePages } from '../console/console-pages';
import { notFoundPage, visitorLanguage, wantsPage } from './page-not-found.filter';
import type { PageRenderer } from './page.renderer';

/** Everything under /api is for programs, whose 404 stays JSON. */
export function isApiPath(path: string): boolean {
  return /^\/api(\/|\?|$)/.test(path);
}

/**
 * Addresses no route matches (Nest's own "Cannot GET …" 404): outside /api someone typed or followed a link, so they
 * get the 404 page instead of JSON, the console's under /console (in the coordinator's language), the public one
 * elsewhere (in the visitor's). Every other error goes on to ErrorMappingFilter's handling, a handler's own 404
 * included. Nest's not-found handler is told apart by its message: `req.route` cannot tell, since middleware that
 * Nest registers for every path (the request logger) is an Express route and sets it for every request.
 */
@Catch()
export class UnmatchedRouteFilter extends ErrorMappingFilter {
  private readonly consoleErrors: ConsoleExceptionFilter;

  constructor(
    adapter: HttpServer,
    private readonly pages: PageRenderer,
    consolePages: ConsolePages,
  ) {
    super(adapter);
    this.consoleErrors = new ConsoleExceptionFilter(consolePages);
  }

  override catch(error: unknown, host: ArgumentsHost) {
    if (host.getType() === 'http' && error instanceof NotFoundException) {
      const req = host.switchToHttp().getRequest<Request>();
      const res = host.switchToHttp().getResponse<Response>();
      if (error.message === `Cannot ${req.method} ${req.originalUrl}` && !isApiPath(req.originalUrl)) {
        if (isConsolePath(req.originalUrl)) return this.consoleErrors.catch(error, host);
        if (wantsPage(req)) return void res.status(HttpStatus.NOT_FOUND).type('html').send(notFoundPage(this.pages, visitorLanguage(req), req.originalUrl));
      }
    }
    return super.catch(error, host);
  }
}
