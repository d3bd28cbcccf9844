import { ArgumentsHost, Catch, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { LANGUAGES, type Language } from '@hub/contracts';
import { ErrorMappingFilter, ServiceUnavailableError } from '@hub/http';
import { html, isLanguage, PageRenderer } from './page.renderer';

/** `?lang=` (or a form's `language`), else the browser's first offered language, else English. */
export function visitorLanguage(req: Request): Language {
  const asked = req.query.lang ?? (req.body as Record<string, unknown> | undefined)?.language;
  if (isLanguage(asked)) return asked;
  const accepted = req.acceptsLanguages([...LANGUAGES, 'no']);
  if (accepted === 'no') return 'nb';
  return isLanguage(accepted) ? accepted : 'en';
}

/**
 * For the public pages: an unknown network, event or newsletter is a 404 page in the design system, in the visitor's
 * language, with a link to the front page, not the API's JSON; a request that could not be stored is a 503 page. Every other error, and any answer to a program that
 * prefers JSON, is as anywhere else.
 */
@Catch()
@Injectable()
export class PageNotFoundFilter extends ErrorMappingFilter {
  constructor(private readonly pages: PageRenderer) {
    super();
  }

  override catch(error: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'http') return super.catch(error, host);
    const mapped = ErrorMappingFilter.domainErrorOf(error);
    const status = error instanceof HttpException ? error.getStatus() : mapped?.status;
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    // The embed script and feed readers ask for JSON or XML: they get the plain answer, without the page's
    // content type that @Header() set before the handler failed.
    if ((status !== HttpStatus.NOT_FOUND && status !== HttpStatus.SERVICE_UNAVAILABLE) || !wantsPage(req)) {
      if (!res.headersSent) res.removeHeader('content-type');
      // The error as already mapped: mapping it again would note a storage condition twice in the log.
      return super.catch(mapped ?? error, host);
    }
    const language = visitorLanguage(req);
    if (status === HttpStatus.NOT_FOUND) {
      res.status(HttpStatus.NOT_FOUND).type('html').send(notFoundPage(this.pages, language, req.originalUrl));
      return;
    }
    // A sign-up or registration that could not be stored (the database full or away, a service restarting): the
    // person is told to send it again later, in words, rather than shown an error object.
    const retryAfter = mapped instanceof ServiceUnavailableError ? mapped.retryAfterSeconds : UNAVAILABLE_RETRY_AFTER_SECONDS;
    res.status(HttpStatus.SERVICE_UNAVAILABLE).setHeader('retry-after', String(retryAfter)).type('html').send(unavailablePage(this.pages, language));
  }
}

/** When a service was not reachable at all (no answer to say how long). */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 30;

function unavailablePage(pages: PageRenderer, language: Language): string {
  const t = pages.t(language);
  return pages.render({
    language,
    title: t('unavailable.title'),
    body: html`<h1>${t('unavailable.title')}</h1><p>${t('unavailable.body')}</p><p><a href="/?lang=${language}">${t('notFound.home')}</a></p>`,
  });
}

/** A browser, not a program asking for JSON (the embed script, API clients). */
export function wantsPage(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'html';
}

/** The page at `path`, whose language switcher offers the same address in the other languages. */
export function notFoundPage(pages: PageRenderer, language: Language, path: string): string {
  const t = pages.t(language);
  return pages.render({
    language,
    title: t('notFound.title'),
    alternates: { languages: LANGUAGES, href: (other) => inLanguage(path, other) },
    body: html`<h1>${t('notFound.title')}</h1><p>${t('notFound.body')}</p><p><a href="/?lang=${language}">${t('notFound.home')}</a></p>`,
  });
}

function inLanguage(path: string, language: Language): string {
  const url = new URL(path, 'http://page.invalid');
  url.searchParams.set('lang', language);
  return `${url.pathname}${url.search}`;
}
