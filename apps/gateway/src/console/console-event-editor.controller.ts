import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createNetworkEventSchema, NETWORK_EVENT_KINDS, type CreateNetworkEvent, type Language, type NetworkEventView, type UpdateNetworkEvent } from '@hub/contracts';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { inLanguage } from '../network-site/site-pages.translator';
import { button, checkboxField, choiceGroup, errorSummary, facts, FieldErrors, hiddenFields, notice, selectField, textArea, textField } from '../pages/page-components';
import { html, raw } from '../pages/page.renderer';
import { SchedulingClient } from '../scheduling/scheduling.client';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleContext, ConsolePages } from './console-pages';
import { EDITOR_QUESTION_KINDS, eventFieldErrors, eventFormValues, EventFormValues, eventRequest, newEventDefaults, placeAndOrganiserFields, QuestionValues, readEventForm, SPARE_QUESTIONS } from './event-form';

/** Messages the editor has under `editor.errors`; any other schema path falls back to the general one. */
const ERROR_KEYS = new Set([
  'kind', 'title', 'description', 'startsAt', 'endsAt', 'timeZone', 'venue', 'joinUrl', 'organiserName', 'organiserEmail', 'capacity',
  'registrationOpensAt', 'registrationClosesAt', 'visibility', 'questions', 'questionLabel', 'questionOptions', 'optionLines',
]);

/** What an edit may change: every field of the event but its kind (PATCH api/v1/network-events/:eventId). */
const UPDATABLE = ['title', 'description', 'startsAt', 'endsAt', 'timeZone', 'venue', 'joinUrl', 'organiser', 'capacity', 'registrationOpensAt', 'registrationClosesAt', 'visibility', 'approvalRequired', 'questions'] as const;

/**
 * Creating, editing and publishing an event in the console, with the rules of POST/PATCH api/v1/network-events and
 * its transitions: one form with title and description per offered language, local times in a named zone, venue or
 * join URL, capacity, registration window, visibility, approval and the custom questions. Registered before
 * ConsoleEventsController, whose `:eventId` page would otherwise take `new`.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/events')
export class ConsoleEventEditorController {
  constructor(
    private readonly pages: ConsolePages,
    private readonly scheduling: SchedulingClient,
  ) {}

  @Get('new')
  @RequireRole('coordinator')
  async newEvent(@CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const { network } = context;
    const values: EventFormValues = { ...newEventDefaults(network), questions: [] };
    res.type('html').send(await this.editorPage(context, null, values, {}));
  }

  @Post('new')
  @RequireRole('coordinator')
  async create(@CurrentPrincipal() principal: Principal, @Body() form: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const values = readEventForm(form, context.network.languages);
    const checked = this.check(context, values);
    if ('errors' in checked) {
      res.status(400).type('html').send(await this.editorPage(context, null, values, checked.errors));
      return;
    }
    const created = await this.scheduling.createEvent(principal.networkId, checked.event);
    res.redirect(303, `/console/events/${encodeURIComponent(created.id)}/edit?done=created`);
  }

  @Get(':eventId/edit')
  @RequireRole('coordinator')
  async edit(@CurrentPrincipal() principal: Principal, @Param('eventId') eventId: string, @Query('done') done: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const event = await this.scheduling.getEvent(principal.networkId, eventId);
    const outcome = typeof done === 'string' && ['created', 'saved', 'published'].includes(done) ? notice('success', context.t(`editor.done.${done}`)) : '';
    res.type('html').send(await this.editorPage(context, event, eventFormValues(event), {}, outcome));
  }

  /** Sends only what changed, so an untouched time does not count as a reschedule for the participants. */
  @Post(':eventId/edit')
  @RequireRole('coordinator')
  async update(@CurrentPrincipal() principal: Principal, @Param('eventId') eventId: string, @Body() form: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const event = await this.scheduling.getEvent(principal.networkId, eventId);
    const values = { ...readEventForm(form, context.network.languages), kind: event.kind };
    const checked = this.check(context, values);
    if ('errors' in checked) {
      res.status(400).type('html').send(await this.editorPage(context, event, values, checked.errors));
      return;
    }
    const changes = Object.fromEntries(UPDATABLE.filter((field) => !sameValue(checked.event[field] ?? {}, event[field] ?? {})).map((field) => [field, checked.event[field]])) as UpdateNetworkEvent;
    if (Object.keys(changes).length > 0) await this.scheduling.updateEvent(principal.networkId, eventId, changes);
    res.redirect(303, `/console/events/${encodeURIComponent(eventId)}/edit?done=saved`);
  }

  /** As POST api/v1/network-events/:eventId/transitions with `published`. */
  @Post(':eventId/publish')
  @RequireRole('coordinator')
  async publish(@CurrentPrincipal() principal: Principal, @Param('eventId') eventId: string, @Res() res: Response): Promise<void> {
    await this.scheduling.transitionEvent(principal.networkId, eventId, { to: 'published' });
    res.redirect(303, `/console/events/${encodeURIComponent(eventId)}/edit?done=published`);
  }

  private check(context: ConsoleContext, values: EventFormValues): { event: CreateNetworkEvent } | { errors: FieldErrors } {
    const { body, problems, slots } = eventRequest(values);
    const parsed = createNetworkEventSchema.safeParse(body);
    if (parsed.success && problems.length === 0) return { event: parsed.data };
    const errors = eventFieldErrors(problems, parsed.success ? [] : parsed.error.issues, context.network.languages, slots, (key) => context.t(`editor.errors.${ERROR_KEYS.has(key) ? key : 'invalid'}`));
    return { errors };
  }

  private async editorPage(context: ConsoleContext, event: NetworkEventView | null, values: EventFormValues, errors: FieldErrors, outcome = ''): Promise<string> {
    const { t, network } = context;
    const languages = network.languages;
    const title = event ? t('editor.editTitle', { event: inLanguage(event.title, context.language, network.defaultLanguage).text }) : t('editor.newTitle');
    const action = event ? `/console/events/${encodeURIComponent(event.id)}/edit` : '/console/events/new';
    const kindField = event
      ? facts([[t('editor.kind'), t(`editor.kinds.${event.kind}`)], [t('editor.status'), t(`events.statuses.${event.status}`)]])
      : selectField({ name: 'kind', label: t('editor.kind'), value: values.kind, error: errors.kind, options: NETWORK_EVENT_KINDS.map((kind) => ({ value: kind, label: t(`editor.kinds.${kind}`) })) });
    const texts = languages
      .map(
        (language) => html`<fieldset class="field"><legend>${t('editor.textsIn', { language: this.pages.languageName(language) })}</legend>
${raw(textField({ name: `title_${language}`, label: t('editor.titleIn', { language: this.pages.languageName(language) }), maxlength: 200, value: values.title[language], error: errors[`title_${language}`] }))}
${raw(textArea({ name: `description_${language}`, label: t('editor.descriptionIn', { language: this.pages.languageName(language) }), maxlength: 5000, value: values.description[language], error: errors[`description_${language}`] }))}
</fieldset>`,
      )
      .join('\n');
    const slots = withSpareQuestions(values.questions);
    const questions = slots.map((question, index) => this.questionFields(context, index + 1, question, errors)).join('\n');
    const publish =
      event?.status === 'draft'
        ? html`<h2>${t('editor.publishTitle')}</h2><p>${t('editor.publishHint')}</p><form method="post" action="/console/events/${event.id}/publish">${raw(this.pages.csrf(context))}${raw(button(t('editor.publish')))}</form>`
        : '';
    const series = event?.seriesId ? html` · <a href="/console/series/${event.seriesId}">${t('series.linkOf', { event: inLanguage(event.title, context.language, network.defaultLanguage).text })}</a>` : '';
    const links = event ? html`<p><a href="/console/events/${event.id}">${t('editor.registrations')}</a>${raw(series)} · <a href="/console/events">${t('events.back')}</a></p>` : html`<p><a href="/console/events">${t('events.back')}</a></p>`;
    const body = html`<h1>${title}</h1>
${raw(outcome)}${raw(errorSummary(t('errorSummary'), errors))}
<form method="post" action="${action}" novalidate>
${raw(this.pages.csrf(context))}${raw(hiddenFields({ questionSlots: String(slots.length) }))}
${raw(kindField)}
<h2>${t('editor.textsHeading')}</h2>
${raw(texts)}
<h2>${t('editor.whenHeading')}</h2>
${raw(textField({ name: 'startsAt', type: 'datetime-local', label: t('editor.startsAt'), required: true, value: values.startsAt, error: errors.startsAt }))}
${raw(textField({ name: 'endsAt', type: 'datetime-local', label: t('editor.endsAt'), required: true, value: values.endsAt, error: errors.endsAt }))}
${raw(textField({ name: 'timeZone', label: t('editor.timeZone'), hint: t('editor.timeZoneHint'), required: true, value: values.timeZone, error: errors.timeZone }))}
${raw(placeAndOrganiserFields(t, values, errors))}
<h2>${t('editor.registrationHeading')}</h2>
${raw(textField({ name: 'capacity', type: 'number', label: t('editor.capacity'), required: true, value: values.capacity, error: errors.capacity }))}
${raw(textField({ name: 'registrationOpensAt', type: 'datetime-local', label: t('editor.registrationOpensAt'), hint: t('editor.windowHint'), value: values.registrationOpensAt, error: errors.registrationOpensAt }))}
${raw(textField({ name: 'registrationClosesAt', type: 'datetime-local', label: t('editor.registrationClosesAt'), hint: t('editor.windowHint'), value: values.registrationClosesAt, error: errors.registrationClosesAt }))}
${raw(choiceGroup({ type: 'radio', name: 'visibility', label: t('editor.visibility'), error: errors.visibility, options: (['public', 'members'] as const).map((v) => ({ value: v, label: t(`editor.visibilities.${v}`), checked: (values.visibility ?? 'public') === v })) }))}
${raw(checkboxField({ name: 'approvalRequired', label: t('editor.approvalRequired'), checked: values.approvalRequired }))}
<h2>${t('editor.questionsHeading')}</h2>
<p class="hint">${t('editor.questionsHint')}</p>
${raw(questions)}
${raw(button(event ? t('editor.save') : t('editor.create')))}
</form>
${raw(publish)}
${raw(links)}`;
    return this.pages.render(context, 'events', title, body);
  }

  private questionFields(context: ConsoleContext, n: number, question: QuestionValues, errors: FieldErrors): string {
    const { t, network } = context;
    const perLanguage = (language: Language) => {
      const name = this.pages.languageName(language);
      return html`${raw(textField({ name: `q${n}_label_${language}`, label: t('editor.questionLabelIn', { n, language: name }), maxlength: 300, value: question.label[language], error: errors[`q${n}_label_${language}`] }))}
${raw(textArea({ name: `q${n}_options_${language}`, label: t('editor.questionOptionsIn', { n, language: name }), hint: t('editor.optionsHint'), value: question.options[language], error: errors[`q${n}_options_${language}`] }))}`;
    };
    return html`<fieldset class="field"><legend>${t('editor.question', { n })}</legend>
${raw(question.id ? hiddenFields({ [`q${n}_id`]: question.id }) : '')}
${raw(selectField({ name: `q${n}_kind`, label: t('editor.questionKind', { n }), value: question.kind ?? '', error: errors[`q${n}_kind`], options: [{ value: '', label: t('editor.questionKinds.none') }, ...EDITOR_QUESTION_KINDS.map((kind) => ({ value: kind, label: t(`editor.questionKinds.${kind}`) }))] }))}
${raw(checkboxField({ name: `q${n}_required`, label: t('editor.questionRequired', { n }), checked: question.required }))}
${raw(network.languages.map(perLanguage).join('\n'))}
</fieldset>`;
  }
}

/** The questions as numbered in the form, followed by enough empty slots to add SPARE_QUESTIONS more. */
function withSpareQuestions(questions: QuestionValues[]): QuestionValues[] {
  const isEmpty = (q: QuestionValues) => !q.kind && !q.id && Object.keys(q.label).length === 0 && Object.keys(q.options).length === 0;
  let trailing = 0;
  while (trailing < questions.length && isEmpty(questions[questions.length - 1 - trailing])) trailing++;
  return [...questions, ...Array.from({ length: Math.max(0, SPARE_QUESTIONS - trailing) }, (): QuestionValues => ({ required: false, label: {}, options: {} }))];
}

/** Equal as JSON whatever the order of object keys (what scheduling stored vs. what the schema built). */
function sameValue(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b);
}

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
