import { Body, Controller, Get, HttpException, HttpStatus, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DateTime } from 'luxon';
import { acceptProgrammeSchema, programmeSettingsSchema, type Language, type NetworkEventView, type ProgrammeProposal, type ProgrammeProposals } from '@hub/contracts';
import { LOCALE_OF } from '@hub/mail';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { button, checkboxField, choiceGroup, errorSummary, FieldErrors, hiddenFields, notice, selectField, textArea, textField } from '../pages/page-components';
import { html, raw } from '../pages/page.renderer';
import { SchedulingClient } from '../scheduling/scheduling.client';
import { inLanguage } from '../network-site/site-pages.translator';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { formList, formText } from './console-forms';
import { ConsoleContext, ConsolePages } from './console-pages';
import type { EventPlaceValues } from './event-form';
import { plannerFieldErrors, plannerRequest, plannerValues, PlannerValues, readPlannerForm, WEEKDAYS } from './planner-form';

/** What the acceptance form shows: what was typed when it was refused. */
interface AcceptValues extends EventPlaceValues {
  dates: string[];
  title: Partial<Record<Language, string>>;
}

/** What a page shows beside the plan: the acceptance form, and (for owners) the planner settings, each as typed when refused. */
interface PageForms {
  accept: { values: AcceptValues; errors: FieldErrors };
  planner?: { values: PlannerValues; errors: FieldErrors };
  outcome?: string;
}

const ACCEPT_ERRORS: Record<string, string> = { dates: 'dates', title: 'title', venue: 'venueName', joinUrl: 'joinUrl', capacity: 'capacity', year: 'year' };

/**
 * The yearly programme planner as a calendar (POST api/v1/programme-proposals/from-settings and
 * programme-acceptances): twelve month tables with the proposed dates and the dates passed over, each proposal with
 * what it avoided in words, and a form that accepts chosen proposals as draft events. Registered before
 * ConsoleEventsController, whose `:eventId` page would otherwise take `programme`.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/events/programme')
export class ConsoleProgrammeController {
  constructor(
    private readonly pages: ConsolePages,
    private readonly scheduling: SchedulingClient,
  ) {}

  @Get()
  @RequireRole('coordinator')
  async programme(@CurrentPrincipal() principal: Principal, @Query('year') year: unknown, @Query('done') done: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const chosen = Number(formText(year));
    const valid = Number.isInteger(chosen) && this.years(context).includes(chosen);
    const values = this.emptyAccept(context);
    const errors: FieldErrors = formText(year) && !valid ? { year: context.t('programme.errors.year') } : {};
    const outcome = done === 'planner' ? notice('success', context.t('programme.planner.saved')) : '';
    res.status(errors.year ? 400 : 200).type('html').send(await this.page(context, valid ? chosen : this.defaultYear(context), { accept: { values, errors }, outcome }));
  }

  /** Each chosen proposal becomes a draft event at its time; scheduling makes the plan again and refuses stale dates. */
  @Post()
  @RequireRole('coordinator')
  async accept(@CurrentPrincipal() principal: Principal, @Body() form: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const { t, network } = context;
    const year = Number(formText(form.year));
    const values: AcceptValues = {
      dates: formList(form.dates),
      title: Object.fromEntries(network.languages.flatMap((language) => (formText(form[`title_${language}`]) ? [[language, formText(form[`title_${language}`])]] : []))),
      venueName: formText(form.venueName),
      venueAddress: formText(form.venueAddress),
      venueCity: formText(form.venueCity),
      joinUrl: formText(form.joinUrl),
      organiserName: formText(form.organiserName),
      organiserEmail: formText(form.organiserEmail),
      capacity: formText(form.capacity),
    };
    const parsed = acceptProgrammeSchema.safeParse({
      year,
      dates: values.dates,
      event: {
        title: values.title,
        venue: { name: values.venueName ?? '', address: values.venueAddress ?? '', city: values.venueCity ?? '' },
        joinUrl: values.joinUrl ?? null,
        organiser: { name: values.organiserName ?? '', email: values.organiserEmail ?? '' },
        capacity: values.capacity && /^\d+$/.test(values.capacity) ? Number(values.capacity) : values.capacity,
      },
    });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const [head, second, third] = issue.path.map(String);
        const name = head === 'event' ? second : head;
        const field = name === 'title' ? `title_${third && network.languages.includes(third as Language) ? third : network.languages[0]}` : name === 'organiser' ? (third === 'email' ? 'organiserEmail' : 'organiserName') : (ACCEPT_ERRORS[name] ?? name);
        const key = name === 'organiser' ? field : (ACCEPT_ERRORS[name] ? name : 'invalid');
        errors[field] ??= t(`programme.errors.${key}`);
      }
      const shownYear = this.years(context).includes(year) ? year : this.defaultYear(context);
      res.status(400).type('html').send(await this.page(context, shownYear, { accept: { values, errors } }));
      return;
    }
    try {
      const { events } = await this.scheduling.acceptProgramme(network._id, { ...parsed.data, country: network.country, timeZone: network.timeZone });
      res.redirect(303, `/console/events?done=accepted&count=${events.length}`);
    } catch (error) {
      // Scheduling makes the plan again and refuses a date it no longer proposes (settings changed since the page).
      if (!(error instanceof HttpException && error.getStatus() === HttpStatus.BAD_REQUEST)) throw error;
      res.status(400).type('html').send(await this.page(context, year, { accept: { values: { ...values, dates: [] }, errors: { dates: t('programme.errors.stale') } } }));
    }
  }

  /** As PATCH api/v1/scheduling-settings with `planner`: the whole planner at once, as the form shows all of it. */
  @Post('settings')
  @RequireRole('owner')
  async updatePlanner(@CurrentPrincipal() principal: Principal, @Body() form: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const requested = Number(formText(form.year));
    const year = this.years(context).includes(requested) ? requested : this.defaultYear(context);
    const values = readPlannerForm(form);
    const { body, problems } = plannerRequest(values);
    const parsed = programmeSettingsSchema.safeParse(body);
    if (!parsed.success || problems.length > 0) {
      const errors = plannerFieldErrors(problems, parsed.success ? [] : parsed.error.issues, (field) => context.t(`programme.planner.errors.${field}`));
      res.status(400).type('html').send(await this.page(context, year, { accept: { values: this.emptyAccept(context), errors: {} }, planner: { values, errors } }));
      return;
    }
    await this.scheduling.updateSettings(principal.networkId, { planner: parsed.data });
    res.redirect(303, `/console/events/programme?year=${year}&done=planner`);
  }

  private emptyAccept({ network }: ConsoleContext): AcceptValues {
    return { dates: [], title: {}, organiserName: network.sender.fromName || network.name, organiserEmail: network.sender.fromAddress || undefined };
  }

  /** Planning is for the year ahead from October on, for the current year before. */
  private defaultYear(context: ConsoleContext): number {
    const now = DateTime.now().setZone(context.network.timeZone);
    return now.month >= 10 ? now.year + 1 : now.year;
  }

  private years(context: ConsoleContext): number[] {
    const now = DateTime.now().setZone(context.network.timeZone).year;
    return Array.from({ length: 6 }, (_, i) => now - 1 + i);
  }

  private async page(context: ConsoleContext, year: number, forms: PageForms): Promise<string> {
    const { t, network } = context;
    const { values, errors } = forms.accept;
    const [plan, events, planner] = await Promise.all([
      this.scheduling.programmeFromSettings(network._id, { year, country: network.country, timeZone: network.timeZone }),
      this.scheduling.listEvents(network._id),
      forms.planner ?? (context.can('owner') ? this.scheduling.settings(network._id).then((settings) => ({ values: plannerValues(settings.planner), errors: {} })) : undefined),
    ]);
    // A proposal already accepted (an event of the same kind at its time) is shown with its event, not offered again.
    const taken = new Map(events.filter((event) => event.status !== 'cancelled').map((event) => [`${event.kind} ${event.startsAt}`, event]));
    const eventOf = (proposal: ProgrammeProposal) => taken.get(`${proposal.kind} ${proposal.startsAt}`);
    const open = plan.proposals.filter((proposal) => !eventOf(proposal));
    const title = t('programme.title', { year: String(year) });
    const yearForm = html`<form method="get" action="/console/events/programme" class="console-bar__form">
${raw(selectField({ name: 'year', label: t('programme.year'), value: String(year), error: errors.year, options: this.years(context).map((y) => ({ value: String(y), label: String(y) })) }))}
${raw(button(t('programme.show'), { variant: 'secondary' }))}</form>`;
    const calendars = html`<h2>${t('programme.calendarHeading')}</h2>
<p>${t('programme.legend')}</p>
<div class="calendar-year">${raw(Array.from({ length: 12 }, (_, i) => this.month(context, year, i + 1, plan)).join(''))}</div>`;
    const proposals = plan.proposals.length
      ? html`<h2>${t('programme.proposalsHeading')}</h2><ol class="cards">${raw(plan.proposals.map((proposal) => this.proposal(context, proposal, eventOf(proposal))).join(''))}</ol>`
      : html`<h2>${t('programme.proposalsHeading')}</h2><p>${t('programme.none')}</p>`;
    const unplaced = plan.unplaced.length
      ? html`<h2>${t('programme.unplacedHeading')}</h2><ul>${raw(
          plan.unplaced
            .map((item) => html`<li>${item.month ? t('programme.unplacedMonth', { kind: t(`programme.kinds.${item.kind}`), month: this.monthName(context, year, item.month) }) : t('programme.unplacedGathering')}</li>`)
            .join(''),
        )}</ul>`
      : '';
    const body = html`<h1>${title}</h1>
<p>${t('programme.intro')}</p>
${raw(forms.outcome ?? '')}${raw(errors.year ? '' : errorSummary(t('errorSummary'), { ...errors, ...planner?.errors }))}
${raw(yearForm)}
${raw(calendars)}
${raw(proposals)}
${raw(unplaced)}
${raw(open.length ? this.acceptForm(context, year, open, values, errors) : plan.proposals.length ? html`<p>${t('programme.allAccepted')}</p>` : '')}
${raw(planner ? this.plannerForm(context, year, planner.values, planner.errors) : html`<h2>${t('programme.planner.heading')}</h2><p>${t('programme.planner.ownersOnly')}</p>`)}
<p><a href="/console/events">${t('events.back')}</a></p>`;
    return this.pages.render(context, 'events', title, body);
  }

  /** One month as a table: weekdays as column headers, proposals and passed-over dates marked with a sign and words. */
  private month(context: ConsoleContext, year: number, month: number, plan: ProgrammeProposals): string {
    const { t } = context;
    const locale = LOCALE_OF[context.language];
    const proposals = new Map(plan.proposals.map((proposal) => [proposal.date, proposal]));
    const avoided = new Set(plan.proposals.flatMap((proposal) => proposal.avoided.map((a) => a.date)));
    const monday = DateTime.fromISO('2024-01-01', { zone: 'utc' });
    const headers = Array.from({ length: 7 }, (_, i) => {
      const day = monday.plus({ days: i }).toJSDate();
      const long = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(day);
      const short = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(day);
      return html`<th scope="col"><abbr title="${long}">${short}</abbr></th>`;
    }).join('');
    const first = DateTime.fromObject({ year, month, day: 1 }, { zone: 'utc' });
    const cells: string[] = Array.from({ length: first.weekday - 1 }, () => '<td></td>');
    for (let day = first; day.month === month; day = day.plus({ days: 1 })) {
      const date = day.toISODate()!;
      const proposal = proposals.get(date);
      if (proposal) {
        cells.push(html`<td class="calendar-day calendar-day--proposal"><a href="#proposal-${date}">${day.day}<span aria-hidden="true"> ★</span><span class="visually-hidden"> ${t('programme.proposedDay', { kind: t(`programme.kinds.${proposal.kind}`) })}</span></a></td>`);
      } else if (avoided.has(date)) {
        cells.push(html`<td class="calendar-day calendar-day--avoided">${day.day}<span aria-hidden="true"> ×</span><span class="visually-hidden"> ${t('programme.avoidedDay')}</span></td>`);
      } else {
        cells.push(html`<td class="calendar-day">${day.day}</td>`);
      }
    }
    while (cells.length % 7 !== 0) cells.push('<td></td>');
    const rows = Array.from({ length: cells.length / 7 }, (_, week) => `<tr>${cells.slice(week * 7, week * 7 + 7).join('')}</tr>`).join('');
    return html`<table class="calendar-month"><caption>${this.monthName(context, year, month)}</caption><thead><tr>${raw(headers)}</tr></thead><tbody>${raw(rows)}</tbody></table>`;
  }

  private proposal(context: ConsoleContext, proposal: ProgrammeProposal, event: NetworkEventView | undefined): string {
    const { t, network } = context;
    const accepted = event
      ? html`<p>${t('programme.inProgramme')} <a href="/console/events/${event.id}/edit">${inLanguage(event.title, context.language, network.defaultLanguage).text}</a> (${t(`events.statuses.${event.status}`)})</p>`
      : '';
    const avoided = proposal.avoided.length
      ? html`<p>${t('programme.avoidedHeading')}</p><ul>${raw(proposal.avoided.map((a) => html`<li>${this.longDate(context, a.date)}: ${a.reasons.map((reason) => this.reason(context, reason)).join('; ')}</li>`).join(''))}</ul>`
      : html`<p>${t('programme.nothingAvoided')}</p>`;
    return html`<li class="card" id="proposal-${proposal.date}"><h3>${t(`programme.kinds.${proposal.kind}`)}: ${this.longDate(context, proposal.date)}</h3>
<p class="meta">${this.time(context, proposal.startsAt, proposal.timeZone)}–${this.time(context, proposal.endsAt, proposal.timeZone)} (${proposal.timeZone})</p>
${raw(accepted)}${raw(avoided)}</li>`;
  }

  private acceptForm(context: ConsoleContext, year: number, proposals: ProgrammeProposal[], values: AcceptValues, errors: FieldErrors): string {
    const { t, network } = context;
    const options = proposals.map((proposal) => ({ value: proposal.date, label: `${t(`programme.kinds.${proposal.kind}`)}: ${this.longDate(context, proposal.date)}`, checked: values.dates.includes(proposal.date) }));
    const titles = network.languages
      .map((language) => textField({ name: `title_${language}`, label: t('programme.titleIn', { language: this.pages.languageName(language) }), maxlength: 200, value: values.title[language], error: errors[`title_${language}`] }))
      .join('\n');
    return html`<h2>${t('programme.acceptHeading')}</h2>
<p>${t('programme.acceptHint')}</p>
<form method="post" action="/console/events/programme" novalidate>
${raw(this.pages.csrf(context))}${raw(hiddenFields({ year: String(year) }))}
${raw(choiceGroup({ type: 'checkbox', name: 'dates', label: t('programme.dates'), error: errors.dates, options }))}
${raw(titles)}
${raw(textField({ name: 'venueName', label: t('editor.venueName'), required: true, maxlength: 200, value: values.venueName, error: errors.venueName }))}
${raw(textField({ name: 'venueAddress', label: t('editor.venueAddress'), maxlength: 300, value: values.venueAddress, error: errors.venueAddress }))}
${raw(textField({ name: 'venueCity', label: t('editor.venueCity'), maxlength: 100, value: values.venueCity, error: errors.venueCity }))}
${raw(textField({ name: 'joinUrl', type: 'url', label: t('programme.joinUrl'), value: values.joinUrl, error: errors.joinUrl }))}
${raw(textField({ name: 'organiserName', label: t('editor.organiserName'), required: true, maxlength: 200, value: values.organiserName, error: errors.organiserName }))}
${raw(textField({ name: 'organiserEmail', type: 'email', label: t('editor.organiserEmail'), required: true, value: values.organiserEmail, error: errors.organiserEmail }))}
${raw(textField({ name: 'capacity', type: 'number', label: t('editor.capacity'), required: true, value: values.capacity, error: errors.capacity }))}
${raw(button(t('programme.accept')))}
</form>`;
  }

  private plannerForm(context: ConsoleContext, year: number, values: PlannerValues, errors: FieldErrors): string {
    const { t } = context;
    const locale = LOCALE_OF[context.language];
    const weekdays = WEEKDAYS.map((weekday, i) => ({ value: weekday, label: new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + i)) }));
    const months = Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2024, i, 1)), checked: values.meetingMonths.includes(String(i + 1)) }));
    return html`<h2>${t('programme.planner.heading')}</h2>
<p>${t('programme.planner.intro')}</p>
<form method="post" action="/console/events/programme/settings" novalidate>
${raw(this.pages.csrf(context))}${raw(hiddenFields({ year: String(year) }))}
<h3>${t('programme.planner.meetings')}</h3>
${raw(selectField({ name: 'meetingCount', label: t('programme.planner.meetingCount'), value: values.meetingCount, error: errors.meetingCount, options: Array.from({ length: 7 }, (_, n) => ({ value: String(n), label: String(n) })) }))}
${raw(choiceGroup({ type: 'checkbox', name: 'meetingMonths', label: t('programme.planner.meetingMonths'), hint: t('programme.planner.meetingMonthsHint'), error: errors.meetingMonths, options: months }))}
${raw(selectField({ name: 'meetingWeekday', label: t('programme.planner.weekday'), value: values.meetingWeekday, error: errors.meetingWeekday, options: weekdays }))}
${raw(textField({ name: 'meetingStartTime', label: t('programme.planner.startTime'), hint: t('programme.planner.startTimeHint'), maxlength: 5, value: values.meetingStartTime, error: errors.meetingStartTime }))}
${raw(textField({ name: 'meetingDuration', type: 'number', label: t('programme.planner.duration'), value: values.meetingDuration, error: errors.meetingDuration }))}
<h3>${t('programme.kinds.gathering')}</h3>
${raw(checkboxField({ name: 'gathering', label: t('programme.planner.gathering'), checked: values.gathering }))}
${raw(selectField({ name: 'gatheringWeekday', id: 'gatheringWeekday', label: t('programme.planner.gatheringWeekday'), value: values.gatheringWeekday, error: errors.gatheringWeekday, options: weekdays }))}
${raw(textField({ name: 'gatheringStartTime', label: t('programme.planner.gatheringStartTime'), hint: t('programme.planner.startTimeHint'), maxlength: 5, value: values.gatheringStartTime, error: errors.gatheringStartTime }))}
${raw(textField({ name: 'gatheringDuration', type: 'number', label: t('programme.planner.gatheringDuration'), value: values.gatheringDuration, error: errors.gatheringDuration }))}
<h3>${t('programme.planner.daysOff')}</h3>
${raw(textArea({ name: 'schoolBreaks', label: t('programme.planner.schoolBreaks'), hint: t('programme.planner.schoolBreaksHint'), value: values.schoolBreaks, error: errors.schoolBreaks }))}
${raw(textArea({ name: 'blockedDates', label: t('programme.planner.blockedDates'), hint: t('programme.planner.blockedDatesHint'), value: values.blockedDates, error: errors.blockedDates }))}
${raw(button(t('programme.planner.save')))}
</form>`;
  }

  /**
   * The planner says why in fixed English phrases (see scheduling's ProgrammePlanner.daysOff); they are put into the
   * page's language here, the holiday's own name as date-holidays gives it.
   */
  private reason(context: ConsoleContext, reason: string): string {
    const { t } = context;
    const named = /^(public|bank) holiday: (.+)$/.exec(reason);
    if (named) return t(`programme.reasons.${named[1]}`, { name: named[2] });
    const schoolBreak = /^school break: (.+)$/.exec(reason);
    if (schoolBreak) return t('programme.reasons.schoolBreak', { name: schoolBreak[1] });
    if (reason === 'weekend') return t('programme.reasons.weekend');
    if (reason.startsWith('summer holiday')) return t('programme.reasons.summer');
    if (reason === 'blocked by the network') return t('programme.reasons.blocked');
    return reason;
  }

  private monthName(context: ConsoleContext, year: number, month: number): string {
    return new Intl.DateTimeFormat(LOCALE_OF[context.language], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, 1));
  }

  private longDate(context: ConsoleContext, date: string): string {
    return new Intl.DateTimeFormat(LOCALE_OF[context.language], { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  }

  private time(context: ConsoleContext, instant: string, timeZone: string): string {
    return new Intl.DateTimeFormat(LOCALE_OF[context.language], { timeStyle: 'short', timeZone }).format(new Date(instant));
  }
}
