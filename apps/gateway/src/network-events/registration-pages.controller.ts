import { Body, Controller, Get, Header, HttpCode, HttpException, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { i18n } from 'i18next';
import { APP_CONFIG } from '@hub/config';
import { Language, OwnRegistrationView } from '@hub/contracts';
import { createTranslator } from '@hub/i18n';
import { buildCalendarFeed, LOCALE_OF } from '@hub/mail';
import { Public } from '../auth/auth.decorators';
import type { GatewayConfig } from '../gateway.config';
import { button, facts, hiddenFields, linkButton, notice } from '../pages/page-components';
import { html, isLanguage, PageRenderer, raw } from '../pages/page.renderer';
import { SchedulingClient } from '../scheduling/scheduling.client';
import { googleCalendarLink, outlookCalendarLink } from './calendar-links';
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
  private readonly uidDomain: string;
  private readonly publicBaseUrl: string;

  constructor(
    @Inject(APP_CONFIG) config: GatewayConfig,
    private readonly scheduling: SchedulingClient,
    private readonly pages: PageRenderer,
  ) {
    this.uidDomain = new URL(config.PUBLIC_BASE_URL).hostname;
    this.publicBaseUrl = config.PUBLIC_BASE_URL.replace(/\/$/, '');
  }

  /**
   * The "add to calendar" file of a confirmed registration: the event with the same UID as the emailed invites (an
   * occurrence of a series as the series' instance), so importing it as well shows the event once.
   */
  @Get('calendar.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="event.ics"')
  async calendar(@Query('token') token = '', @Res({ passthrough: true }) res: Response): Promise<string> {
    try {
      const { registration, event } = await this.scheduling.ownRegistration(token);
      if (registration.status !== 'confirmed') throw new HttpException('registration: only a confirmed registration has a calendar entry', 404);
      const entry = this.calendarEntry({ registration, event }, token);
      return buildCalendarFeed(entry.title, [
        {
          uid: `${event.seriesId ?? event.id}@${this.uidDomain}`,
          recurrenceId: event.recurrenceId ? new Date(event.recurrenceId) : null,
          sequence: event.sequence,
          startsAt: entry.startsAt,
          endsAt: entry.endsAt,
          summary: entry.title,
          description: entry.details,
          location: entry.location,
        },
      ]);
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
      res.status(error.getStatus()).setHeader('content-type', 'text/plain; charset=utf-8');
      res.removeHeader('content-disposition');
      return 'This link does not work.';
    }
  }

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
    const join = event.joinUrl ? html`<p>${raw(linkButton(t('join'), event.joinUrl))}</p>` : '';
    const entry = this.calendarEntry({ registration, event }, token);
    const calendar =
      registration.status === 'confirmed'
        ? html`<h2>${t('addToCalendar')}</h2>
<ul><li><a href="/registrations/manage/calendar.ics?token=${encodeURIComponent(token)}" download>${t('downloadIcs')}</a></li>
<li><a href="${googleCalendarLink(entry)}" rel="noopener" target="_blank">Google Calendar</a></li>
<li><a href="${outlookCalendarLink(entry)}" rel="noopener" target="_blank">Outlook</a></li></ul>`
        : '';
    const cancel =
      registration.status === 'cancelled'
        ? ''
        : html`<p>${t('cancelHint')}</p>
<form method="post" action="/registrations/manage/cancel">
${raw(hiddenFields({ token, lang: language }))}
${raw(button(t('cancel'), { variant: 'secondary' }))}
</form>`;
    return this.pages.render({
      language,
      title,
      body: html`<h1>${title}</h1>
${raw(notice(registration.status === 'cancelled' ? 'info' : 'success', t(`status.${registration.status}`)))}
${raw(facts([[t('when'), when], [t('where'), where]]))}
${raw(join)}
${raw(calendar)}
${raw(cancel)}`,
    });
  }

  /** The details link back to this page: the join link can change, and the page always has the current one. */
  private calendarEntry({ registration, event }: OwnRegistrationView, token: string) {
    const language = registration.language;
    const title = event.title[language] ?? event.title.en ?? Object.values(event.title)[0] ?? '';
    const page = `${this.publicBaseUrl}/registrations/manage?token=${encodeURIComponent(token)}&lang=${language}`;
    const location = event.venue ? [event.venue.name, event.venue.address, event.venue.city].filter(Boolean).join(', ') : (event.joinUrl ?? '');
    return { title, startsAt: new Date(event.startsAt), endsAt: new Date(event.endsAt), details: [event.joinUrl, page].filter(Boolean).join('\n'), location };
  }

  private invalid(error: unknown, language: Language, res: Response): string {
    if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
    res.status(error.getStatus());
    const t = this.i18n.getFixedT(language);
    return this.pages.render({ language, title: t('invalidTitle'), body: html`<h1>${t('invalidTitle')}</h1><p>${t('invalidBody')}</p>` });
  }
}
