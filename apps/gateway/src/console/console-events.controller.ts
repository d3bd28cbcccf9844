import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { NetworkEventView, RegistrationView } from '@hub/contracts';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { inLanguage } from '../network-site/site-pages.translator';
import { linkButton, notice } from '../pages/page-components';
import { html, raw } from '../pages/page.renderer';
import { SchedulingClient } from '../scheduling/scheduling.client';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleContext, ConsolePages } from './console-pages';

/**
 * Events and their registrations in the console, through the same SchedulingClient calls as api/v1/network-events:
 * approving or declining a registration that awaits approval, and checking people in.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/events')
export class ConsoleEventsController {
  constructor(
    private readonly pages: ConsolePages,
    private readonly scheduling: SchedulingClient,
  ) {}

  @Get()
  @RequireRole('viewer')
  async events(@CurrentPrincipal() principal: Principal, @Query('done') done: unknown, @Query('count') count: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const { t } = context;
    const events = (await this.scheduling.listEvents(principal.networkId)).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    const registrations = await Promise.all(events.map((event) => this.scheduling.registrations(principal.networkId, event.id)));
    const rows = events
      .map((event, index) => {
        const title = this.title(context, event);
        const confirmed = registrations[index].filter((r) => r.status === 'confirmed').length;
        const series = event.seriesId ? html`<br><a href="/console/series/${event.seriesId}">${t('series.linkOf', { event: title.text })}</a>` : '';
        return html`<tr><th scope="row"><a href="/console/events/${event.id}" lang="${title.lang}">${title.text}</a>${raw(series)}</th><td>${this.when(context, event)}</td><td>${t(`events.statuses.${event.status}`)}</td><td>${this.pages.number(context, confirmed)} / ${this.pages.number(context, event.capacity)}</td></tr>`;
      })
      .join('');
    const accepted = done === 'accepted' ? notice('success', t('programme.accepted', { number: this.pages.number(context, Number(count) || 0) })) : '';
    const actions = context.can('coordinator') ? html`<p>${raw(linkButton(t('editor.new'), '/console/events/new'))} ${raw(linkButton(t('series.new'), '/console/series/new', 'secondary'))} ${raw(linkButton(t('programme.plan'), '/console/events/programme', 'secondary'))}</p>` : '';
    const body = events.length
      ? html`<h1>${t('events.title')}</h1>${raw(accepted)}${raw(actions)}<table><caption>${t('events.caption')}</caption><thead><tr><th scope="col">${t('events.event')}</th><th scope="col">${t('events.when')}</th><th scope="col">${t('events.status')}</th><th scope="col">${t('events.registrations')}</th></tr></thead><tbody>${raw(rows)}</tbody></table>`
      : html`<h1>${t('events.title')}</h1>${raw(accepted)}${raw(actions)}<p>${t('events.none')}</p>`;
    res.type('html').send(await this.pages.render(context, 'events', t('events.title'), body));
  }

  @Get(':eventId')
  @RequireRole('viewer')
  async registrations(@CurrentPrincipal() principal: Principal, @Param('eventId') eventId: string, @Query('done') done: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const { t } = context;
    const [event, registrations] = await Promise.all([this.scheduling.getEvent(principal.networkId, eventId), this.scheduling.registrations(principal.networkId, eventId)]);
    const title = this.title(context, event);
    const count = (status: RegistrationView['status']) => this.pages.number(context, registrations.filter((r) => r.status === status).length);
    const rows = registrations
      .map(
        (registration) =>
          html`<tr><th scope="row">${registration.name}</th><td>${registration.email}</td><td>${registration.organisation}</td><td>${this.pages.dateTime(context, registration.registeredAt)}</td><td>${t(`events.registrationStatuses.${registration.status}`)}</td><td>${registration.attended ? t('yes') : t('no')}</td>${raw(context.can('coordinator') ? html`<td>${raw(this.actions(context, event, registration))}</td>` : '')}</tr>`,
      )
      .join('');
    const heading = t('events.registrationsOf', { event: title.text });
    const table = registrations.length
      ? html`<table><caption>${t('events.registrationsCaption')}</caption><thead><tr><th scope="col">${t('events.name')}</th><th scope="col">${t('events.email')}</th><th scope="col">${t('events.organisation')}</th><th scope="col">${t('events.registeredAt')}</th><th scope="col">${t('events.registrationStatus')}</th><th scope="col">${t('events.attended')}</th>${raw(context.can('coordinator') ? html`<th scope="col">${t('events.actions')}</th>` : '')}</tr></thead><tbody>${raw(rows)}</tbody></table>`
      : html`<p>${t('events.noRegistrations')}</p>`;
    const body = html`<h1>${heading}</h1>
${raw(done ? notice('success', t('events.done')) : '')}
<p>${this.when(context, event)} · ${t(`events.statuses.${event.status}`)}</p>
<p>${t('events.summary', { confirmed: count('confirmed'), capacity: this.pages.number(context, event.capacity), waitlisted: count('waitlisted'), pending: count('pending') })}</p>
${raw(table)}
${raw(context.can('coordinator') ? this.exportLinks(context, event) : '')}
${raw(context.can('coordinator') ? html`<p><a href="/console/events/${event.id}/edit">${t('editor.editLink')}</a></p>` : '')}
${raw(event.seriesId ? html`<p><a href="/console/series/${event.seriesId}">${t('series.linkOf', { event: title.text })}</a></p>` : '')}
<p><a href="/console/events">${t('events.back')}</a></p>`;
    res.type('html').send(await this.pages.render(context, 'events', heading, body));
  }

  /** As POST api/v1/network-events/:eventId/registrations/:registrationId/decision. */
  @Post(':eventId/registrations/:registrationId/decision')
  @RequireRole('coordinator')
  async decide(@CurrentPrincipal() principal: Principal, @Param('eventId') eventId: string, @Param('registrationId') registrationId: string, @Body('approve') approve: unknown, @Res() res: Response): Promise<void> {
    await this.scheduling.decide(principal.networkId, eventId, registrationId, { approve: approve === 'true' });
    res.redirect(303, `/console/events/${encodeURIComponent(eventId)}?done=1`);
  }

  /** As POST api/v1/network-events/:eventId/registrations/:registrationId/attendance. */
  @Post(':eventId/registrations/:registrationId/attendance')
  @RequireRole('coordinator')
  async attendance(@CurrentPrincipal() principal: Principal, @Param('eventId') eventId: string, @Param('registrationId') registrationId: string, @Body('attended') attended: unknown, @Res() res: Response): Promise<void> {
    await this.scheduling.markAttendance(principal.networkId, eventId, registrationId, { attended: attended === 'true' });
    res.redirect(303, `/console/events/${encodeURIComponent(eventId)}?done=1`);
  }

  /** One small form per action, each button naming the person, so a screen reader's list of buttons is unambiguous. */
  private actions(context: ConsoleContext, event: NetworkEventView, registration: RegistrationView): string {
    const { t } = context;
    const path = `/console/events/${encodeURIComponent(event.id)}/registrations/${encodeURIComponent(registration.id)}`;
    const form = (action: string, field: string, value: boolean, label: string, variant: 'primary' | 'secondary') =>
      html`<form method="post" action="${path}/${action}" class="inline-form">${raw(this.pages.csrf(context))}<input type="hidden" name="${field}" value="${String(value)}"><button type="submit" class="button${variant === 'secondary' ? ' button--secondary' : ''}">${label}</button></form>`;
    if (registration.status === 'pending') {
      return form('decision', 'approve', true, t('events.approve', { name: registration.name }), 'primary') + form('decision', 'approve', false, t('events.decline', { name: registration.name }), 'secondary');
    }
    if (registration.status === 'confirmed') {
      return registration.attended
        ? form('attendance', 'attended', false, t('events.undoCheckIn', { name: registration.name }), 'secondary')
        : form('attendance', 'attended', true, t('events.checkIn', { name: registration.name }), 'primary');
    }
    return '';
  }

  /** GET api/v1/network-events/:eventId/registrations/export(.xlsx), which take the console's session like any API call. */
  private exportLinks({ t }: ConsoleContext, event: NetworkEventView): string {
    const path = `/api/v1/network-events/${encodeURIComponent(event.id)}/registrations/export`;
    return html`<ul><li><a href="${path}" download>${t('exports.registrationsCsv')}</a></li><li><a href="${path}.xlsx" download>${t('exports.registrationsXlsx')}</a></li></ul>`;
  }

  private title(context: ConsoleContext, event: NetworkEventView) {
    return inLanguage(event.title, context.language, context.network.defaultLanguage);
  }

  /** In the event's own zone (which may differ from the network's), named. */
  private when(context: ConsoleContext, event: NetworkEventView): string {
    return `${this.pages.dateTime(context, event.startsAt, event.timeZone)} (${event.timeZone})`;
  }
}
