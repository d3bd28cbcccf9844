import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Language } from '@hub/contracts';
import { ErrorMappingFilter, ServiceUnavailableError } from '@hub/http';
import { html } from '../pages/page.renderer';
import { ConsolePages } from './console-pages';

/** Where a console page sends someone who is not signed in (in the page's language), and back to the page they wanted afterwards. */
export function signInPath(language: Language, next?: string): string {
  const query = new URLSearchParams({ lang: language, ...(next && isConsolePath(next) && { next }) });
  return `/console/sign-in?${query.toString()}`;
}

/** Only console paths on this host: `next` must never become an open redirect. */
export function isConsolePath(path: string): boolean {
  return /^\/console(\/|\?|$)/.test(path) && !path.startsWith('//');
}

/**
 * Console pages answer people, not programs: without a session (or with a stale form) they go to the sign-in page;
 * a role too small, a missing resource or a failure is a page in the console's language with the right status.
 */
@Catch()
@Injectable()
export class ConsoleExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ConsoleExceptionFilter.name);

  constructor(private readonly pages: ConsolePages) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const mapped = ErrorMappingFilter.domainErrorOf(error);
    const status = error instanceof HttpException ? error.getStatus() : (mapped?.status ?? HttpStatus.INTERNAL_SERVER_ERROR);
    const language = this.pages.language(req);
    if (status === HttpStatus.UNAUTHORIZED) {
      res.redirect(303, signInPath(language, req.method === 'GET' ? req.originalUrl : undefined));
      return;
    }
    if (status >= 500) this.logger.error(`${req.method} ${req.path} failed: ${(error as Error).stack ?? String(error)}`);
    const t = this.pages.t(language);
    const [title, body] =
      status === HttpStatus.FORBIDDEN
        ? [t('errors.forbiddenTitle'), t('errors.forbiddenBody')]
        : status === HttpStatus.NOT_FOUND
          ? [t('errors.notFoundTitle'), t('errors.notFoundBody')]
          : status === HttpStatus.SERVICE_UNAVAILABLE
            ? [t('errors.unavailableTitle'), t('errors.unavailableBody')]
            : [t('errors.failedTitle'), t('errors.failedBody')];
    if (mapped instanceof ServiceUnavailableError) res.setHeader('retry-after', String(mapped.retryAfterSeconds));
    res
      .status(status)
      .type('html')
      .send(this.pages.renderPlain(language, title, html`<h1>${title}</h1><p>${body}</p><p><a href="/console">${t('errors.back')}</a></p>`, req.originalUrl));
  }
}
