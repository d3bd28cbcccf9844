import { Body, Controller, Get, HttpException, HttpStatus, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { NETWORK_EVENT_KINDS, type EventSeriesOccurrence, type EventSeriesView, type Language } from '@hub/contracts';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { inLanguage } from '../network-site/site-pages.translator';
import { button, checkboxField, choiceGroup, errorSummary, facts, FieldErrors, notice, selectField, textArea, textField } from '../pages/page-components';
import { html, raw } from '../pages/page.renderer';
import { SchedulingClient } from '../scheduling/scheduling.client';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleContext, ConsolePages } from './console-pages';
import { newEventDefaults, placeAndOrganiserFields } from './event-form';
import { readSeriesForm, seriesChanges, SeriesFormValues, seriesFormValues, seriesRefusalErrors, seriesRequest } from './series-form';

/** Messages under `series.errors`; the event editor's `editor.errors` has the rest, and `invalid` for anything else. */
const SERIES_ERROR_KEYS = new Set(['durationMinutes', 'startTime', 'capacityShrink', 'rrule', 'exceptions', 'firstStartsAt']);
const EDITOR_ERROR_KEYS = new Set(['kind', 'title', 'description', 'timeZone', 'venue', 'joinUrl', 'organiserName', 'organiserEmail', 'capacity', 'visibility']);

/**
 * A webinar series in the console: its occurrences with their state and what each changed on its own, and an editor
 * for what they share, with the rules of POST api/v1/event-series and GET/PATCH …/:seriesId and its transitions. Each
 * occurrence is still edited on its own in the event editor. `new` is declared before `:seriesId`, which would take it.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/series')
export class ConsoleSeriesController {
  constructor(
    private readonly pages: ConsolePages,
    private readonly scheduling: SchedulingClient,
  ) {}

  @Get('new')
  @RequireRole('coordinator')
  async newSeries(@CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const { network } = context;
    const values: SeriesFormValues = { ...newEventDefaults(network), durationMinutes: '60' };
    res.type('html').send(await this.editorPage(context, null, values, {}));
  }

  /** As POST api/v1/event-series: the occurrences are created as drafts, published from the series page. */
  @Post('new')
  @RequireRole('coordinator')
  async create(@CurrentPrincipal() principal: Principal, @Body() form: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const languages = context.network.languages;
    const values = readSeriesForm(form, languages);
    const message = (key: string) => this.message(context, key);
    const checked = seriesRequest(values, languages, message);
    if ('errors' in checked) {
      res.status(400).type('html').send(await this.editorPage(context, null, values, checked.errors));
      return;
    }
    try {
      const created = await this.scheduling.createSeries(principal.networkId, checked.series);
      res.redirect(303, `/console/series/${encodeURIComponent(created.id)}?done=created`);
    } catch (error) {
      const errors = this.refusal(error, languages, message);
      res.status(400).type('html').send(await this.editorPage(context, null, values, errors));
    }
  }

  @Get(':seriesId')
  @RequireRole('viewer')
  async series(
    @CurrentPrincipal() principal: Principal,
    @Param('seriesId') seriesId: string,
    @Query('done') done: unknown,
    @Query('count') count: unknown,
    @Query('cancelled') cancelled: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const { t } = context;
    const series = await this.scheduling.getSeries(principal.networkId, seriesId);
    const title = t('series.title', { series: this.name(context, series) });
    const now = Date.now();
    const rows = series.occurrences
      .map((occurrence) => {
        const when = this.when(context, series, occurrence);
        const over = occurrence.status === 'cancelled' || occurrence.status === 'held' || new Date(occurrence.startsAt).getTime() <= now;
        const own = occurrence.overridden.length ? occurrence.overridden.map((field) => t(`series.fields.${field}`)).join(', ') : t('series.nothingOwn');
        const links = [
          html`<a href="/console/events/${occurrence.eventId}">${t('series.registrationsOf', { when })}</a>`,
          ...(context.can('coordinator') ? [html`<a href="/console/events/${occurrence.eventId}/edit">${t('series.editOccurrence', { when })}</a>`] : []),
        ].join('<br>');
        return html`<tr><th scope="row">${when}</th><td>${t(`events.statuses.${occurrence.status}`)}${over ? ` (${t('series.over')})` : ''}</td><td>${over ? '' : own}</td><td>${raw(links)}</td></tr>`;
      })
      .join('');
    const cancelledCount = Number(cancelled) || 0;
    const savedText = `${t('series.done.saved', { count: this.pages.number(context, Number(count) || 0) })}${cancelledCount ? ` ${t('series.cancelled', { count: this.pages.number(context, cancelledCount) })}` : ''}`;
    const outcomes: Record<string, string> = { saved: savedText, unchanged: t('series.done.unchanged'), created: t('series.created'), published: t('series.published') };
    const saved = typeof done === 'string' && outcomes[done] ? notice(done === 'unchanged' ? 'info' : 'success', outcomes[done]) : '';
    const publish =
      context.can('coordinator') && series.occurrences.some((o) => o.status === 'draft')
        ? html`<p>${t('series.publishHint')}</p><form method="post" action="/console/series/${series.id}/publish">${raw(this.pages.csrf(context))}${raw(button(t('series.publish')))}</form>`
        : '';
    const body = html`<h1>${title}</h1>
${raw(saved)}
${raw(facts([[t('series.rule'), series.rrule], [t('series.timeZone'), series.timeZone], [t('series.startTime'), series.startTime], [t('series.length'), t('series.minutes', { minutes: this.pages.number(context, series.durationMinutes) })]]))}
${raw(context.can('coordinator') ? html`<p><a href="/console/series/${series.id}/edit">${t('series.edit')}</a></p>` : '')}
${raw(publish)}
<table><caption>${t('series.caption')}</caption><thead><tr><th scope="col">${t('series.occurrence')}</th><th scope="col">${t('series.status')}</th><th scope="col">${t('series.ownChanges')}</th><th scope="col">${t('events.actions')}</th></tr></thead><tbody>${raw(rows)}</tbody></table>
<p><a href="/console/events">${t('events.back')}</a></p>`;
    res.type('html').send(await this.pages.render(context, 'events', title, body));
  }

  @Get(':seriesId/edit')
  @RequireRole('coordinator')
  async edit(@CurrentPrincipal() principal: Principal, @Param('seriesId') seriesId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const series = await this.scheduling.getSeries(principal.networkId, seriesId);
    res.type('html').send(await this.editorPage(context, series, seriesFormValues(series), {}));
  }

  /** Sends only what changed; the API refuses a change some occurrence cannot take, and says which field. */
  @Post(':seriesId/edit')
  @RequireRole('coordinator')
  async update(@CurrentPrincipal() principal: Principal, @Param('seriesId') seriesId: string, @Body() form: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const series = await this.scheduling.getSeries(principal.networkId, seriesId);
    const languages = context.network.languages;
    const values = readSeriesForm(form, languages);
    const message = (key: string) => this.message(context, key);
    const checked = seriesChanges(values, series, languages, message);
    if ('errors' in checked) {
      res.status(400).type('html').send(await this.editorPage(context, series, values, checked.errors));
      return;
    }
    const path = `/console/series/${encodeURIComponent(seriesId)}`;
    if (!checked.changes) {
      res.redirect(303, `${path}?done=unchanged`);
      return;
    }
    try {
      const result = await this.scheduling.updateSeries(principal.networkId, seriesId, checked.changes);
      res.redirect(303, `${path}?done=saved&count=${result.changedOccurrences.length}&cancelled=${result.cancelledOccurrences.length}`);
    } catch (error) {
      res.status(400).type('html').send(await this.editorPage(context, series, values, this.refusal(error, languages, message)));
    }
  }

  /** As POST api/v1/event-series/:seriesId/transitions with `published`: every draft occurrence. */
  @Post(':seriesId/publish')
  @RequireRole('coordinator')
  async publish(@CurrentPrincipal() principal: Principal, @Param('seriesId') seriesId: string, @Res() res: Response): Promise<void> {
    await this.scheduling.transitionSeries(principal.networkId, seriesId, { to: 'published' });
    res.redirect(303, `/console/series/${encodeURIComponent(seriesId)}?done=published`);
  }

  /** The API's 400 beside the fields it names (the rules checked on every occurrence); anything else is the error page. */
  private refusal(error: unknown, languages: readonly Language[], message: (key: string) => string): FieldErrors {
    if (!(error instanceof HttpException) || error.getStatus() !== HttpStatus.BAD_REQUEST) throw error;
    const errors = seriesRefusalErrors(String((error.getResponse() as { message?: unknown }).message ?? ''), languages, message);
    return Object.keys(errors).length ? errors : { rrule: message('invalid') };
  }

  /** The editor of a series, or with `series` null the form that creates one (kind, zone and first start too). */
  private async editorPage(context: ConsoleContext, series: EventSeriesView | null, values: SeriesFormValues, errors: FieldErrors): Promise<string> {
    const { t, network } = context;
    const title = series ? t('series.editTitle', { series: this.name(context, series) }) : t('series.newTitle');
    const now = Date.now();
    const toCome = series?.occurrences.filter((o) => o.status !== 'cancelled' && o.status !== 'held' && new Date(o.startsAt).getTime() > now).length ?? 0;
    const action = series ? `/console/series/${encodeURIComponent(series.id)}/edit` : '/console/series/new';
    const start = series
      ? textField({ name: 'startTime', label: t('series.startTime'), hint: t('series.startTimeHint'), required: true, maxlength: 5, value: values.startTime, error: errors.startTime })
      : html`${raw(textField({ name: 'firstStartsAt', type: 'datetime-local', label: t('series.firstStartsAt'), required: true, value: values.firstStartsAt, error: errors.firstStartsAt }))}
${raw(textField({ name: 'timeZone', label: t('editor.timeZone'), hint: t('editor.timeZoneHint'), required: true, value: values.timeZone, error: errors.timeZone }))}`;
    const texts = network.languages
      .map((language) => {
        const name = this.pages.languageName(language);
        return html`<fieldset class="field"><legend>${t('editor.textsIn', { language: name })}</legend>
${raw(textField({ name: `title_${language}`, label: t('editor.titleIn', { language: name }), maxlength: 200, value: values.title[language], error: errors[`title_${language}`] }))}
${raw(textArea({ name: `description_${language}`, label: t('editor.descriptionIn', { language: name }), maxlength: 5000, value: values.description[language], error: errors[`description_${language}`] }))}
</fieldset>`;
      })
      .join('\n');
    const body = html`<h1>${title}</h1>
${raw(errorSummary(t('errorSummary'), errors))}
${raw(series ? html`<p>${t('series.editIntro', { count: this.pages.number(context, toCome) })}</p>` : '')}
<form method="post" action="${action}" novalidate>
${raw(this.pages.csrf(context))}
${raw(series ? '' : selectField({ name: 'kind', label: t('editor.kind'), value: values.kind, error: errors.kind, options: NETWORK_EVENT_KINDS.map((kind) => ({ value: kind, label: t(`editor.kinds.${kind}`) })) }))}
<h2>${t('editor.textsHeading')}</h2>
${raw(texts)}
<h2>${t('editor.whenHeading')}</h2>
${raw(start)}
${raw(textField({ name: 'durationMinutes', type: 'number', label: t('series.durationMinutes'), required: true, value: values.durationMinutes, error: errors.durationMinutes }))}
${raw(textField({ name: 'rrule', label: t('series.rule'), hint: t(series ? 'series.ruleHint' : 'series.newRuleHint'), required: true, maxlength: 500, value: values.rrule, error: errors.rrule }))}
${raw(textArea({ name: 'exceptions', label: t('series.exceptions'), hint: t('series.exceptionsHint'), value: values.exceptions, error: errors.exceptions }))}
${raw(placeAndOrganiserFields(t, values, errors))}
<h2>${t('editor.registrationHeading')}</h2>
${raw(textField({ name: 'capacity', type: 'number', label: t('editor.capacity'), required: true, value: values.capacity, error: errors.capacity }))}
${raw(choiceGroup({ type: 'radio', name: 'visibility', label: t('editor.visibility'), error: errors.visibility, options: (['public', 'members'] as const).map((v) => ({ value: v, label: t(`editor.visibilities.${v}`), checked: (values.visibility ?? 'public') === v })) }))}
${raw(checkboxField({ name: 'approvalRequired', label: t('editor.approvalRequired'), checked: values.approvalRequired }))}
${raw(button(series ? t('series.save') : t('series.create')))}
</form>
${raw(series ? html`<p><a href="/console/series/${series.id}">${t('series.back')}</a></p>` : html`<p><a href="/console/events">${t('events.back')}</a></p>`)}`;
    return this.pages.render(context, 'events', title, body);
  }

  private message(context: ConsoleContext, key: string): string {
    if (SERIES_ERROR_KEYS.has(key)) return context.t(`series.errors.${key}`);
    return context.t(`editor.errors.${EDITOR_ERROR_KEYS.has(key) ? key : 'invalid'}`);
  }

  private name(context: ConsoleContext, series: EventSeriesView): string {
    return inLanguage(series.title, context.language, context.network.defaultLanguage).text;
  }

  /** In the series' own zone, named. */
  private when(context: ConsoleContext, series: EventSeriesView, occurrence: EventSeriesOccurrence): string {
    return `${this.pages.dateTime(context, occurrence.startsAt, series.timeZone)} (${series.timeZone})`;
  }
}
