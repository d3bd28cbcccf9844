import { Body, Controller, Get, Header, HttpCode, HttpException, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { i18n } from 'i18next';
import { Language, OwnRegistrationView } from '@hub/contracts';
import { createTranslator } from '@hub/i18n';
import { LOCALE_OF } from '@hub/mail';
import { Public } from '../auth/auth.decorators';
import { html, isLanguage, PageRenderer, raw } from '../pages/page.renderer';
import { SchedulingClient } from '../scheduling/scheduling.client';
import { REGISTRATION_PAGE_CATALOG } from './registration-page.catalog';

const HTML = 'text/html; charset=utf-8';

/**
 * The participant's own registration page, the target of the link in every registration email: the event, their
 * status, the join link once confirmed, and a cancel button. Cancelling needs the button (a POST), because mail
 * scanners fetch every link in a message.
 */
@Public()
@ApiExcludeController()
@Controller('registrations/manage')
export class RegistrationPagesController {
  private readonly i18n: i18n = createTranslator(REGISTRATION_PAGE_CATALOG);

  constructor(
    private readonly scheduling: SchedulingClient,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Header('content-type', HTML)
  async page(@Query('token') token = '', @Query('lang') lang: string | undefined, @Res({ passthrough: true }) res: Response): Promise<string> {
    const fallback: Language = isLanguage(lang) ? lang : 'en';
    try {
      return this.renderRegistration(await this.scheduling.ownRegistration(token), token);
    } catch (error) {
      return this.invalid(error, fallback, res);
    }
  }

  @Post('cancel')
  @HttpCode(200)
  @Header('content-type', HTML)
  async cancel(@Body() body: Record<string, unknown>, @Res({ passthrough: true }) res: Response): Promise<string> {
    const token = typeof body.token === 'string' ? body.token : '';
    const fallback: Language = isLanguage(body.lang) ? body.lang : 'en';
    try {
      await this.scheduling.cancelRegistration(token);
      const { registration } = await this.scheduling.ownRegistration(token);
      const t = this.i18n.getFixedT(registration.language);
      return this.pages.render({ language: registration.language, title: t('cancelledTitle'), body: html`<h1>${t('cancelledTitle')}</h1><p>${t('cancelledBody')}</p>` });
    } catch (error) {
      return this.invalid(error, fallback, res);
    }
  }

  private renderRegistration({ registration, event }: OwnRegistrationView, token: string): string {
    const language = registration.language;
    const t = this.i18n.getFixedT(language);
    const title = event.title[language] ?? event.title.en ?? Object.values(event.title)[0] ?? '';
    const when = `${new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: 'full', timeStyle: 'short', timeZone: event.timeZone }).formatRange(new Date(event.startsAt), new Date(event.endsAt))} (${event.timeZone})`;
    const where = event.venue ? [event.venue.name, event.venue.address, event.venue.city].filter(Boolean).join(', ') : t('online');
    const join = event.joinUrl ? html`<p><a href="${event.joinUrl}">${t('join')}</a></p>` : '';
    const cancel =
      registration.status === 'cancelled'
        ? ''
        : html`<p>${t('cancelHint')}</p>
<form method="post" action="/registrations/manage/cancel">
<input type="hidden" name="token" value="${token}"><input type="hidden" name="lang" value="${language}">
<button type="submit">${t('cancel')}</button>
</form>`;
    return this.pages.render({
      language,
      title,
      body: html`<h1>${title}</h1>
<p><strong>${t(`status.${registration.status}`)}</strong></p>
<dl><dt>${t('when')}</dt><dd>${when}</dd><dt>${t('where')}</dt><dd>${where}</dd></dl>
${raw(join)}
${raw(cancel)}`,
    });
  }

  private invalid(error: unknown, language: Language, res: Response): string {
    if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
    res.status(error.getStatus());
    const t = this.i18n.getFixedT(language);
    return this.pages.render({ language, title: t('invalidTitle'), body: html`<h1>${t('invalidTitle')}</h1><p>${t('invalidBody')}</p>` });
  }
}
