import { Body, Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { emailAddressSchema, type Language } from '@hub/contracts';
import { CurrentPrincipal, Public, RequireRole } from '../auth/auth.decorators';
import { InvalidCredentialsError, NoRoleError, TooManyAttemptsError } from '../auth/auth.errors';
import { AuthService } from '../auth/auth.service';
import type { Principal } from '../auth/principal';
import { SessionCookie } from '../auth/session-cookie';
import { button, errorSummary, FieldErrors, hiddenFields, notice, textField } from '../pages/page-components';
import { html, raw } from '../pages/page.renderer';
import { ConsoleExceptionFilter, isConsolePath } from './console-exception.filter';
import { ConsolePages } from './console-pages';

/** Signing in and out of the console, switching network, and the overview every area is reached from. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class ConsoleSessionController {
  constructor(
    private readonly pages: ConsolePages,
    private readonly auth: AuthService,
    private readonly cookie: SessionCookie,
  ) {}

  @Get('sign-in')
  @Public()
  signInForm(@Req() req: Request, @Res() res: Response, @Query('next') next?: string, @Query('signedOut') signedOut?: string): void {
    const language = this.pages.language(req, res);
    const status = signedOut ? notice('success', this.pages.t(language)('signIn.signedOut')) : '';
    res.type('html').send(this.signInPage(language, req, { next, status }));
  }

  /** The same sign-in as POST /api/v1/auth/sign-in (brute-force limits included), answered with pages instead of JSON. */
  @Post('sign-in')
  @Public()
  @Throttle({ default: { limit: 20, ttl: 60_000 } })
  async signIn(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const language = this.pages.language(req);
    const t = this.pages.t(language);
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = typeof body.next === 'string' ? body.next : undefined;
    const errors: FieldErrors = {};
    if (!emailAddressSchema.safeParse(email).success) errors.email = t('signIn.emailMissing');
    if (!password) errors.password = t('signIn.passwordMissing');
    if (Object.keys(errors).length > 0) {
      res.status(400).type('html').send(this.signInPage(language, req, { next, email, errors }));
      return;
    }
    try {
      const session = await this.auth.signIn(email, password, req.ip ?? 'unknown');
      this.cookie.set(res, session);
      res.redirect(303, next && isConsolePath(next) ? next : '/console');
    } catch (error) {
      if (error instanceof TooManyAttemptsError) {
        res.status(429).setHeader('retry-after', String(error.retryAfterSeconds));
        res.type('html').send(this.signInPage(language, req, { next, email, status: notice('error', t('signIn.tooMany')) }));
        return;
      }
      if (!(error instanceof InvalidCredentialsError || error instanceof NoRoleError)) throw error;
      res.status(401).type('html').send(this.signInPage(language, req, { next, email, status: notice('error', t('signIn.invalid')) }));
    }
  }

  @Post('sign-out')
  @RequireRole('viewer')
  async signOut(@CurrentPrincipal() principal: Principal, @Res() res: Response): Promise<void> {
    await this.auth.signOut(principal);
    this.cookie.clear(res);
    res.redirect(303, '/console/sign-in?signedOut=1');
  }

  /** The same switch as PUT /api/v1/auth/network: the session's network changes, the role is the one held there. */
  @Post('network')
  @RequireRole('viewer')
  async switchNetwork(@CurrentPrincipal() principal: Principal, @Body('networkId') networkId: unknown, @Res() res: Response): Promise<void> {
    await this.auth.switchNetwork(principal, typeof networkId === 'string' ? networkId : '');
    res.redirect(303, '/console?switched=1');
  }

  @Get()
  @RequireRole('viewer')
  async home(@CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response, @Query('switched') switched?: string): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const { t, network } = context;
    const role = t(`roles.${principal.role}`);
    const body = html`<h1>${t('home.title')}</h1>
${raw(switched ? notice('success', t('home.switched', { network: network.name })) : '')}
<p class="lead">${t('home.intro', { network: network.name, role })}</p>
<ul class="cards">
<li class="card"><h2><a href="/console/events">${t('nav.events')}</a></h2><p>${t('home.events')}</p></li>
<li class="card"><h2><a href="/console/lists">${t('nav.contacts')}</a></h2><p>${t('home.contacts')}</p></li>
<li class="card"><h2><a href="/console/newsletters">${t('nav.newsletters')}</a></h2><p>${t('newsletters.homeIntro')}</p></li>
<li class="card"><h2><a href="/console/settings">${t('nav.settings')}</a></h2><p>${t('home.settings')}</p></li>
</ul>`;
    res.type('html').send(await this.pages.render(context, 'home', t('home.title'), body));
  }

  private signInPage(language: Language, req: Request, state: { next?: string; email?: string; errors?: FieldErrors; status?: string }): string {
    const t = this.pages.t(language);
    const errors = state.errors ?? {};
    const next = state.next && isConsolePath(state.next) ? state.next : '';
    const body = html`<h1>${t('signIn.title')}</h1>
${raw(errorSummary(t('errorSummary'), errors))}
${raw(state.status ?? '')}
<form method="post" action="/console/sign-in?lang=${language}" novalidate>
${raw(next ? hiddenFields({ next }) : '')}
${raw(textField({ name: 'email', type: 'email', label: t('signIn.email'), autocomplete: 'username', required: true, value: state.email, error: errors.email }))}
${raw(textField({ name: 'password', type: 'password', label: t('signIn.password'), autocomplete: 'current-password', required: true, error: errors.password }))}
${raw(button(t('signIn.submit')))}
</form>`;
    return this.pages.renderPlain(language, t('signIn.title'), body, req.originalUrl);
  }
}
