import { Body, Controller, Get, Header, HttpCode, HttpException, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import type { Language } from '@hub/contracts';
import { Public } from '../auth/auth.decorators';
import { SessionCookie } from '../auth/session-cookie';
import { NetworksService } from '../networks/networks.service';
import { button, hiddenFields, textField } from '../pages/page-components';
import { html, isLanguage, PageRenderer, raw } from '../pages/page.renderer';
import { acceptInvitationSchema } from './invitations.dto';
import { InvitationsService } from './invitations.service';

const HTML = 'text/html; charset=utf-8';

/** Where the invitation email's link lands: a form to accept (and to create the account), without JavaScript. */
@Public()
@ApiExcludeController()
@Controller('invitations/accept')
export class InvitationPagesController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly networks: NetworksService,
    private readonly pages: PageRenderer,
    private readonly cookie: SessionCookie,
  ) {}

  @Get()
  @Header('content-type', HTML)
  async form(@Query('token') token = '', @Query('lang') lang: string | undefined, @Res({ passthrough: true }) res: Response): Promise<string> {
    const language: Language = isLanguage(lang) ? lang : 'en';
    const t = this.pages.t(language);
    try {
      const invitation = await this.invitations.preview(token);
      const role = t(`invitation.roles.${invitation.role}`);
      const fields = invitation.hasAccount
        ? html`<p>${t('invitation.existingAccount')}</p>`
        : html`${raw(textField({ name: 'name', label: t('invitation.name'), autocomplete: 'name', required: true, maxlength: 200 }))}
${raw(textField({ name: 'password', type: 'password', label: t('invitation.password'), autocomplete: 'new-password', required: true }))}`;
      return this.pages.render({
        language,
        title: t('invitation.title', { network: invitation.networkName }),
        body: html`<h1>${t('invitation.title', { network: invitation.networkName })}</h1>
<p>${t('invitation.intro', { role, network: invitation.networkName, email: invitation.email })}</p>
<form method="post" action="/invitations/accept">
${raw(hiddenFields({ token, lang: language }))}
${raw(fields)}
${raw(button(t('invitation.submit')))}
</form>`,
      });
    } catch (error) {
      return this.invalid(error, language, res);
    }
  }

  @Post()
  @Throttle({ default: { limit: 20, ttl: 60_000 } })
  @HttpCode(200)
  @Header('content-type', HTML)
  async accept(@Body() body: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    const language: Language = isLanguage(body.lang) ? body.lang : 'en';
    const t = this.pages.t(language);
    try {
      const parsed = acceptInvitationSchema.safeParse({ token: body.token, name: body.name || undefined, password: body.password || undefined });
      if (!parsed.success) throw new HttpException(parsed.error.message, 400);
      const session = await this.invitations.accept(parsed.data, req.ip ?? null);
      this.cookie.set(res, session);
      const network = await this.networks.byId(session.networkId);
      const role = t(`invitation.roles.${session.account.roles[session.networkId]}`);
      return this.pages.render({
        language,
        title: t('invitation.acceptedTitle'),
        body: html`<h1>${t('invitation.acceptedTitle')}</h1><p>${t('invitation.acceptedBody', { role, network: network.name })}</p>`,
      });
    } catch (error) {
      return this.invalid(error, language, res);
    }
  }

  private invalid(error: unknown, language: Language, res: Response): string {
    const status = error instanceof HttpException ? error.getStatus() : (error as { status?: number }).status;
    if (!status || status >= 500) throw error;
    res.status(status);
    const t = this.pages.t(language);
    return this.pages.render({
      language,
      title: t('invitation.invalidTitle'),
      body: html`<h1>${t('invitation.invalidTitle')}</h1><p>${t('invitation.invalidBody')}</p>`,
    });
  }
}
