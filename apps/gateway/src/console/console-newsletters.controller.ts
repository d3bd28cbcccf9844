import { Body, Controller, Get, Header, NotFoundException, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  createNewsletterSchema,
  type Language,
  type MailingListView,
  type NewsletterAudienceFilter,
  type NewsletterIssue,
  type NewsletterProgress,
  type NewsletterView,
  scheduleNewsletterSchema,
  testSendSchema,
} from '@hub/contracts';
import { LOCALE_OF } from '@hub/mail';
import { AudienceClient } from '../audience/audience.client';
import { CurrentPrincipal, Public, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { inLanguage } from '../network-site/site-pages.translator';
import { CampaignsClient, type NewsletterAction } from '../newsletters/campaigns.client';
import { MembershipsService } from '../organisations/memberships.service';
import { button, choiceGroup, errorSummary, facts, FieldErrors, linkButton, notice, textArea, textField } from '../pages/page-components';
import { html, raw } from '../pages/page.renderer';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { formList, formText } from './console-forms';
import { ConsoleContext, ConsolePages } from './console-pages';
import {
  AUDIENCE_FILTER_MARKER,
  type AudienceFilterFormValues,
  type AudienceFilterParse,
  audienceFilterFormValues,
  parseAudienceFilterForm,
  readAudienceFilterForm,
} from './newsletter-audience-form';

const FINAL_STATES = new Set(['completed', 'cancelled']);
const DONE = new Set(['created', 'saved', 'tested', 'scheduled', 'send', 'pause', 'resume', 'cancel']);
const ACTIONS: Record<NewsletterAction, ReadonlyArray<NewsletterView['state']>> = {
  send: ['draft', 'scheduled', 'needs-confirmation'],
  pause: ['sending'],
  resume: ['paused'],
  cancel: ['scheduled', 'needs-confirmation', 'sending', 'paused'],
};

/** What a refused (or counted) sending form gives back: its errors and every field as typed. */
interface SendingFormState {
  errors?: FieldErrors;
  addresses?: string;
  localTime?: string;
  filter?: AudienceFilterFormValues;
  /** The answer to "count the recipients". */
  count?: number;
}

/** What the editor form sent, per offered language, kept as typed so a refused form loses nothing. */
interface EditorValues {
  listIds: string[];
  issues: Partial<Record<Language, { subject: string; preheader: string; markdown: string }>>;
}

/** The script the progress page loads (CSP allows scripts from 'self' only, never inline). */
export const PROGRESS_SCRIPT_PATH = '/console/assets/newsletter-progress.js';

/**
 * Newsletters in the console through the same CampaignsClient calls as api/v1/newsletters: write one issue per
 * offered language beside its rendered preview, test-send, send now or at a local time in the network's zone,
 * pause/resume/cancel, and follow the send. Everything works without JavaScript; the progress page's script only
 * replaces "reload" with the existing server-sent progress stream.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class ConsoleNewslettersController {
  constructor(
    private readonly pages: ConsolePages,
    private readonly campaigns: CampaignsClient,
    private readonly audience: AudienceClient,
    private readonly memberships: MembershipsService,
  ) {}

  @Get('newsletters')
  @RequireRole('viewer')
  async list(@CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const { t } = context;
    const newsletters = (await this.campaigns.list(principal.networkId)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const rows = newsletters
      .map((newsletter) => {
        const subject = this.subject(context, newsletter);
        return html`<tr><th scope="row"><a href="/console/newsletters/${newsletter.id}" lang="${subject.lang}">${subject.text}</a></th><td>${t(`newsletters.states.${newsletter.state}`)}</td><td>${this.when(context, newsletter)}</td><td>${raw(newsletter.sendId ? html`<a href="/console/newsletters/${newsletter.id}/progress">${t('newsletters.progressLink', { subject: subject.text })}</a>` : '')}</td></tr>`;
      })
      .join('');
    const table = newsletters.length
      ? html`<table><caption>${t('newsletters.caption')}</caption><thead><tr><th scope="col">${t('newsletters.subject')}</th><th scope="col">${t('newsletters.state')}</th><th scope="col">${t('newsletters.when')}</th><th scope="col">${t('newsletters.progress')}</th></tr></thead><tbody>${raw(rows)}</tbody></table>`
      : html`<p>${t('newsletters.none')}</p>`;
    const body = html`<h1>${t('newsletters.title')}</h1>
${raw(context.can('coordinator') ? html`<p>${raw(linkButton(t('newsletters.new'), '/console/newsletters/new'))}</p>` : '')}
${raw(table)}`;
    res.type('html').send(await this.pages.render(context, 'newsletters', t('newsletters.title'), body));
  }

  @Get('newsletters/new')
  @RequireRole('coordinator')
  async newForm(@CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const lists = await this.audience.lists(principal.networkId);
    res.type('html').send(await this.editorPage(context, undefined, lists, { listIds: [], issues: {} }, {}));
  }

  /** Like POST api/v1/newsletters; a language whose fields are all empty is left out. */
  @Post('newsletters/new')
  @RequireRole('coordinator')
  async create(@CurrentPrincipal() principal: Principal, @Body() form: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const values = this.editorValues(context, form);
    const parsed = createNewsletterSchema.safeParse(values);
    if (!parsed.success) {
      const lists = await this.audience.lists(principal.networkId);
      res.status(400).type('html').send(await this.editorPage(context, undefined, lists, values, this.editorErrors(context, parsed.error)));
      return;
    }
    const created = await this.campaigns.create(principal.networkId, parsed.data);
    res.redirect(303, `/console/newsletters/${encodeURIComponent(created.id)}?done=created`);
  }

  @Get('newsletters/:newsletterId')
  @RequireRole('viewer')
  async editor(@CurrentPrincipal() principal: Principal, @Param('newsletterId') id: string, @Query('done') done: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const [newsletter, lists] = await Promise.all([this.campaigns.get(principal.networkId, id), this.audience.lists(principal.networkId)]);
    const outcome = typeof done === 'string' && DONE.has(done) ? context.t(`newsletters.done.${done}`) : undefined;
    res.type('html').send(await this.editorPage(context, newsletter, lists, this.valuesOf(newsletter), {}, outcome));
  }

  /** Like PATCH api/v1/newsletters/:id (campaigns refuses once the send has begun). */
  @Post('newsletters/:newsletterId')
  @RequireRole('coordinator')
  async update(@CurrentPrincipal() principal: Principal, @Param('newsletterId') id: string, @Body() form: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const values = this.editorValues(context, form);
    const parsed = createNewsletterSchema.safeParse(values);
    if (!parsed.success) {
      const [newsletter, lists] = await Promise.all([this.campaigns.get(principal.networkId, id), this.audience.lists(principal.networkId)]);
      res.status(400).type('html').send(await this.editorPage(context, newsletter, lists, values, this.editorErrors(context, parsed.error)));
      return;
    }
    await this.campaigns.update(principal.networkId, id, parsed.data);
    res.redirect(303, `/console/newsletters/${encodeURIComponent(id)}?done=saved`);
  }

  /** Like POST api/v1/newsletters/:id/test-sends; addresses separated by commas, spaces or lines. */
  @Post('newsletters/:newsletterId/test-send')
  @RequireRole('coordinator')
  async testSend(@CurrentPrincipal() principal: Principal, @Param('newsletterId') id: string, @Body() form: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const typed = formText(form.addresses) ?? '';
    const parsed = testSendSchema.safeParse({ addresses: typed.split(/[\s,;]+/).filter(Boolean), language: formText(form.testLanguage) });
    if (!parsed.success) {
      await this.sendingFormAgain(context, id, res, 400, { errors: { addresses: context.t('newsletters.errors.addresses') }, addresses: typed });
      return;
    }
    await this.campaigns.testSend(principal.networkId, id, parsed.data);
    res.redirect(303, `/console/newsletters/${encodeURIComponent(id)}?done=tested`);
  }

  /** At a wall-clock time in the network's zone, as a datetime-local field gives it. */
  @Post('newsletters/:newsletterId/schedule')
  @RequireRole('coordinator')
  async schedule(@CurrentPrincipal() principal: Principal, @Param('newsletterId') id: string, @Body() form: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const typed = formText(form.localTime) ?? '';
    const typedFilter = readAudienceFilterForm(form);
    const filter = typedFilter && parseAudienceFilterForm(typedFilter);
    const parsed = scheduleNewsletterSchema.safeParse({ localTime: typed.slice(0, 16) });
    if (!parsed.success || filter?.invalid) {
      const errors = { ...(parsed.success ? {} : { localTime: context.t('newsletters.errors.localTime') }), ...this.filterErrors(context, filter) };
      await this.sendingFormAgain(context, id, res, 400, { errors, localTime: typed, filter: typedFilter });
      return;
    }
    await this.campaigns.schedule(principal.networkId, id, { ...parsed.data, audienceFilter: filter?.filter });
    res.redirect(303, `/console/newsletters/${encodeURIComponent(id)}?done=scheduled`);
  }

  /**
   * Like POST api/v1/newsletters/:id/send with the form's filter; a form without the filter's fields (confirming an
   * overdue send from the progress page) keeps the newsletter's.
   */
  @Post('newsletters/:newsletterId/send')
  @RequireRole('coordinator')
  async send(@CurrentPrincipal() principal: Principal, @Param('newsletterId') id: string, @Body() form: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const typedFilter = readAudienceFilterForm(form);
    const filter = typedFilter && parseAudienceFilterForm(typedFilter);
    if (filter?.invalid) {
      await this.sendingFormAgain(context, id, res, 400, { errors: this.filterErrors(context, filter), localTime: formText(form.localTime), filter: typedFilter });
      return;
    }
    await this.campaigns.send(principal.networkId, id, { audienceFilter: filter?.filter });
    res.redirect(303, `/console/newsletters/${encodeURIComponent(id)}/progress`);
  }

  /** How many confirmed contacts the newsletter's lists and the typed filter reach now; the form comes back as typed. */
  @Post('newsletters/:newsletterId/audience-count')
  @RequireRole('coordinator')
  async countAudience(@CurrentPrincipal() principal: Principal, @Param('newsletterId') id: string, @Body() form: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const typedFilter = readAudienceFilterForm(form) ?? audienceFilterFormValues(null);
    const filter = parseAudienceFilterForm(typedFilter);
    const localTime = formText(form.localTime);
    if (filter.invalid) {
      await this.sendingFormAgain(context, id, res, 400, { errors: this.filterErrors(context, filter), localTime, filter: typedFilter });
      return;
    }
    const newsletter = await this.campaigns.get(principal.networkId, id);
    const { recipients } = await this.audience.newsletterAudienceCount(principal.networkId, newsletter.listIds, filter.filter);
    await this.sendingFormAgain(context, id, res, 200, { localTime, filter: typedFilter, count: recipients });
  }

  /** Pause, resume, cancel (send has its own route above); resuming leads to the progress page. */
  @Post('newsletters/:newsletterId/:action')
  @RequireRole('coordinator')
  async act(@CurrentPrincipal() principal: Principal, @Param('newsletterId') id: string, @Param('action') action: string, @Res() res: Response): Promise<void> {
    if (!isAction(action)) throw new NotFoundException();
    await this.campaigns.act(principal.networkId, id, action);
    const path = `/console/newsletters/${encodeURIComponent(id)}`;
    res.redirect(303, action === 'resume' ? `${path}/progress` : `${path}?done=${action}`);
  }

  /**
   * Where the send stands. Without JavaScript a "reload" link refreshes it (a timed meta refresh would move the page
   * under a screen reader, WCAG 2.2.1); with it, the script follows api/v1/newsletters/:id/progress/stream.
   */
  @Get('newsletters/:newsletterId/progress')
  @RequireRole('viewer')
  async progress(@CurrentPrincipal() principal: Principal, @Param('newsletterId') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const { t } = context;
    const [newsletter, progress] = await Promise.all([this.campaigns.get(principal.networkId, id), this.campaigns.progress(principal.networkId, id)]);
    const final = FINAL_STATES.has(progress.state);
    // Statistics come from delivery's events and settle after the send; while it runs, the counts above say more.
    const [statistics, organisations] = await Promise.all([
      final && newsletter.sendId ? this.campaigns.statistics(principal.networkId, id) : undefined,
      this.organisations(principal.networkId),
    ]);
    const subject = this.subject(context, newsletter);
    const heading = t('newsletters.progressOf', { subject: subject.text });
    const n = (value: number) => this.pages.number(context, value);
    const statisticsTable = statistics
      ? html`<table><caption>${t('newsletters.statistics')}</caption><tbody>${raw(
          (['recipients', 'delivered', 'failed', 'skipped', 'unknown', 'bounced', 'complained'] as const)
            .map((key) => html`<tr><th scope="row">${t(`newsletters.stats.${key}`)}</th><td>${n(statistics[key])}</td></tr>`)
            .join(''),
        )}</tbody></table>`
      : '';
    const body = html`<h1>${heading}</h1>
<div class="send-progress" data-progress-stream="/api/v1/newsletters/${newsletter.id}/progress/stream" data-locale="${context.language}"
 data-words="${JSON.stringify({ states: t('newsletters.states', { returnObjects: true }) as unknown as Record<string, string>, summary: t('newsletters.liveSummary'), eta: t('newsletters.eta'), etaUnknown: t('newsletters.etaUnknown') })}">
<label for="send-progress-bar">${t('newsletters.progressLabel')}</label>
<progress id="send-progress-bar" max="${Math.max(progress.recipients, 1)}" value="${progress.recipients ? this.done(progress) : final ? 1 : 0}">${n(this.done(progress))} / ${n(progress.recipients)}</progress>
<p class="send-progress__status" aria-live="polite" data-progress-status>${this.summary(context, progress)}</p>
</div>
${raw(facts([
  [t('newsletters.state'), t(`newsletters.states.${progress.state}`)],
  [t('newsletters.stats.recipients'), n(progress.recipients)],
  [t('newsletters.stats.sent'), n(progress.sent)],
  [t('newsletters.stats.failed'), n(progress.failed)],
  [t('newsletters.stats.unknown'), n(progress.unknown)],
  [t('newsletters.stats.remaining'), n(progress.remaining)],
]))}
${raw(final ? '' : html`<p><a href="/console/newsletters/${newsletter.id}/progress" data-progress-reload>${t('newsletters.reload')}</a></p>`)}
${raw(this.actionForms(context, newsletter))}
${raw(statisticsTable)}
${raw(this.filterSummary(context, statistics ? statistics.audienceFilter : newsletter.audienceFilter, organisations))}
<p><a href="/console/newsletters/${newsletter.id}">${t('newsletters.backToNewsletter')}</a> · <a href="/console/newsletters">${t('newsletters.back')}</a></p>
${raw(final || progress.state === 'draft' ? '' : html`<script src="${PROGRESS_SCRIPT_PATH}" defer></script>`)}`;
    res.type('html').send(await this.pages.render(context, 'newsletters', heading, body));
  }

  @Public()
  @Get('assets/newsletter-progress.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'no-cache')
  progressScript(): string {
    return PROGRESS_SCRIPT;
  }

  private async editorPage(
    context: ConsoleContext,
    newsletter: NewsletterView | undefined,
    lists: MailingListView[],
    values: EditorValues,
    errors: FieldErrors,
    outcome?: string,
    rejected: SendingFormState = {},
  ): Promise<string> {
    const { t, network } = context;
    const editable = context.can('coordinator') && (!newsletter || newsletter.state === 'draft' || newsletter.state === 'scheduled');
    const heading = newsletter ? t('newsletters.editTitle', { subject: this.subject(context, newsletter).text }) : t('newsletters.newTitle');
    const listOptions = lists
      .filter((list) => !list.archived)
      .map((list) => {
        const name = inLanguage(list.names, context.language, list.defaultLanguage);
        return { value: list.id, label: name.text, lang: name.lang, checked: values.listIds.includes(list.id) };
      });
    const [previews, organisations] = newsletter
      ? await Promise.all([this.previews(context, newsletter), this.organisations(context.principal.networkId)])
      : [new Map<Language, string>(), new Map<string, string>()];
    const sections = network.languages
      .map((language) => {
        const issue = values.issues[language];
        const name = this.pages.languageName(language);
        const fields = html`${raw(textField({ name: `subject_${language}`, label: t('newsletters.subject'), value: issue?.subject, error: errors[`subject_${language}`], maxlength: 200 }))}
${raw(textField({ name: `preheader_${language}`, label: t('newsletters.preheader'), hint: t('newsletters.preheaderHint'), value: issue?.preheader, error: errors[`preheader_${language}`], maxlength: 300 }))}
${raw(textArea({ name: `markdown_${language}`, label: t('newsletters.markdown'), hint: t('newsletters.markdownHint'), value: issue?.markdown, error: errors[`markdown_${language}`] }))}`;
        const preview = previews.get(language);
        return html`<section class="newsletter-language" aria-labelledby="issue-${language}">
<h2 id="issue-${language}"><span lang="${language}">${name}</span></h2>
<div class="editor-split">
<fieldset class="editor-split__fields"><legend>${t('newsletters.issueIn', { language: name })}</legend>${raw(fields)}</fieldset>
${raw(preview !== undefined ? html`<div class="editor-split__preview"><h3>${t('newsletters.preview')}</h3><iframe class="newsletter-preview" sandbox="" title="${t('newsletters.previewIn', { language: name })}" srcdoc="${preview}"></iframe></div>` : '')}
</div>
</section>`;
      })
      .join('\n');
    const editor = editable
      ? html`<form method="post" action="${newsletter ? `/console/newsletters/${newsletter.id}` : '/console/newsletters/new'}" novalidate>${raw(this.pages.csrf(context))}
${raw(choiceGroup({ name: 'listIds', type: 'checkbox', label: t('newsletters.lists'), options: listOptions, error: errors.listIds }))}
${raw(sections)}
${raw(button(newsletter ? t('newsletters.save') : t('newsletters.create')))}
</form>`
      : html`${raw(newsletter ? facts([[t('newsletters.state'), t(`newsletters.states.${newsletter.state}`)], [t('newsletters.when'), this.when(context, newsletter)]]) : '')}${raw(sections.replace(/<(input|textarea)\b/g, '<$1 readonly'))}`;
    const sending = newsletter && context.can('coordinator') ? this.sendingForms(context, newsletter, organisations, rejected) : '';
    // Where the sending form shows the filter in its fields, a summary would say it twice.
    const summary = newsletter && !(context.can('coordinator') && ACTIONS.send.includes(newsletter.state)) ? this.filterSummary(context, newsletter.audienceFilter, organisations) : '';
    const allErrors = { ...errors, ...rejected.errors };
    const body = html`<h1>${heading}</h1>
${raw(this.pages.outcome(outcome))}
${raw(errorSummary(t('errorSummary'), allErrors))}
${raw(newsletter ? html`<p>${t('newsletters.stateIs', { state: t(`newsletters.states.${newsletter.state}`) })}${raw(newsletter.sendId ? html` <a href="/console/newsletters/${newsletter.id}/progress">${t('newsletters.progressLink', { subject: this.subject(context, newsletter).text })}</a>` : '')}</p>` : '')}
${raw(editor)}
${raw(summary)}
${raw(sending)}
<p><a href="/console/newsletters">${t('newsletters.back')}</a></p>`;
    return this.pages.render(context, 'newsletters', heading, body);
  }

  /**
   * Test send; then one form for who gets it and when (the filter's fields, "count", the local time with "schedule",
   * and "send now", each button posting the same fields to its own action); then the state's other actions. Each
   * is a form of its own so a keyboard user reaches each by Tab.
   */
  private sendingForms(context: ConsoleContext, newsletter: NewsletterView, organisations: Map<string, string>, rejected: SendingFormState): string {
    const { t } = context;
    const path = `/console/newsletters/${encodeURIComponent(newsletter.id)}`;
    const languages = Object.keys(newsletter.issues) as Language[];
    const testLanguage =
      languages.length > 1
        ? html`<div class="field"><label for="testLanguage">${t('newsletters.testLanguage')}</label><select id="testLanguage" name="testLanguage">${raw(languages.map((language) => html`<option value="${language}" lang="${language}">${this.pages.languageName(language)}</option>`).join(''))}</select></div>`
        : '';
    const test = html`<form method="post" action="${path}/test-send" novalidate aria-labelledby="test-heading">${raw(this.pages.csrf(context))}<h2 id="test-heading">${t('newsletters.testTitle')}</h2>
${raw(textField({ name: 'addresses', label: t('newsletters.addresses'), hint: t('newsletters.addressesHint'), value: rejected.addresses, error: rejected.errors?.addresses, type: 'text', autocomplete: 'email' }))}
${raw(testLanguage)}${raw(button(t('newsletters.testSend'), { variant: 'secondary' }))}</form>`;
    const audience = ACTIONS.send.includes(newsletter.state) ? this.audienceForm(context, newsletter, organisations, rejected) : '';
    return html`${raw(test)}${raw(audience)}${raw(this.actionForms(context, newsletter, audience ? ['send'] : []))}`;
  }

  private audienceForm(context: ConsoleContext, newsletter: NewsletterView, organisations: Map<string, string>, rejected: SendingFormState): string {
    const { t } = context;
    const path = `/console/newsletters/${encodeURIComponent(newsletter.id)}`;
    const errors = rejected.errors ?? {};
    const values = rejected.filter ?? audienceFilterFormValues(newsletter.audienceFilter);
    // An organisation the filter names that is no longer among the network's stays offered, checked, by its id.
    const organisationIds = [...organisations.keys(), ...values.organisationIds.filter((id) => !organisations.has(id))];
    const organisationField = organisationIds.length
      ? choiceGroup({
          name: 'organisationIds',
          type: 'checkbox',
          label: t('audienceFilter.organisations'),
          options: organisationIds.map((id) => ({ value: id, label: organisations.get(id) ?? id, checked: values.organisationIds.includes(id) })),
          error: errors.organisationIds,
        })
      : '';
    const languageField = choiceGroup({
      name: 'languages',
      type: 'checkbox',
      label: t('audienceFilter.languages'),
      options: context.network.languages.map((language) => ({ value: language, label: this.pages.languageName(language), lang: language, checked: values.languages.includes(language) })),
      error: errors.languages,
    });
    const count = rejected.count === undefined ? '' : notice('info', t('audienceFilter.counted', { count: this.pages.number(context, rejected.count) }));
    const localTimeId = 'localTime';
    const schedule =
      newsletter.state === 'draft' || newsletter.state === 'scheduled'
        ? html`<h3>${t('newsletters.scheduleTitle')}</h3>
<div class="field"><label for="${localTimeId}">${t('newsletters.localTime', { zone: context.network.timeZone })}</label>${raw(errors.localTime ? html`<p id="${localTimeId}-error" class="field-error">${errors.localTime}</p>` : '')}
<input id="${localTimeId}" name="localTime" type="datetime-local" value="${rejected.localTime ?? newsletter.sendAtLocal?.slice(0, 16) ?? ''}"${raw(errors.localTime ? html` aria-invalid="true" aria-describedby="${localTimeId}-error"` : '')}></div>
<p>${raw(button(t('newsletters.schedule'), { variant: 'secondary', formaction: `${path}/schedule` }))}</p>`
        : '';
    return html`<form method="post" action="${path}/send" novalidate aria-labelledby="audience-heading">${raw(this.pages.csrf(context))}<input type="hidden" name="${AUDIENCE_FILTER_MARKER}" value="1">
<h2 id="audience-heading">${t('audienceFilter.title')}</h2>
<p>${t('audienceFilter.intro')}</p>
${raw(organisationField)}
${raw(textArea({ name: 'roles', label: t('audienceFilter.roles'), hint: t('audienceFilter.rolesHint'), value: values.roles, error: errors.roles }))}
${raw(languageField)}
${raw(textArea({ name: 'attributes', label: t('audienceFilter.attributes'), hint: t('audienceFilter.attributesHint'), value: values.attributes, error: errors.attributes }))}
<p>${raw(button(t('audienceFilter.count'), { variant: 'secondary', formaction: `${path}/audience-count` }))}</p>
${raw(count)}
${raw(schedule)}
<h3>${t('newsletters.actionsTitle')}</h3>
<p>${raw(button(t('newsletters.actions.send')))}</p>
</form>`;
  }

  private actionForms(context: ConsoleContext, newsletter: NewsletterView, offeredElsewhere: NewsletterAction[] = []): string {
    if (!context.can('coordinator')) return '';
    const { t } = context;
    const path = `/console/newsletters/${encodeURIComponent(newsletter.id)}`;
    const forms = (Object.keys(ACTIONS) as NewsletterAction[])
      .filter((action) => ACTIONS[action].includes(newsletter.state) && !offeredElsewhere.includes(action))
      .map((action) => html`<form method="post" action="${path}/${action}" class="inline-form">${raw(this.pages.csrf(context))}${raw(button(t(`newsletters.actions.${action}`), { variant: action === 'send' ? 'primary' : 'secondary' }))}</form>`)
      .join('');
    return forms ? html`<h2>${t('newsletters.actionsTitle')}</h2><p>${raw(forms)}</p>` : '';
  }

  /** The filter in words: each condition with its alternatives joined by "or", or "everyone on the lists". */
  private filterSummary(context: ConsoleContext, filter: NewsletterAudienceFilter | null, organisations: Map<string, string>): string {
    const { t } = context;
    const or = new Intl.ListFormat(LOCALE_OF[context.language], { type: 'disjunction' });
    const pairs: Array<[string, string]> = [];
    if (filter?.organisationIds) pairs.push([t('audienceFilter.organisations'), or.format(filter.organisationIds.map((id) => organisations.get(id) ?? id))]);
    if (filter?.roles) pairs.push([t('audienceFilter.roles'), or.format(filter.roles)]);
    if (filter?.languages) pairs.push([t('audienceFilter.languages'), or.format(filter.languages.map((language) => this.pages.languageName(language)))]);
    if (filter?.attributes) pairs.push([t('audienceFilter.attributes'), Object.entries(filter.attributes).map(([key, values]) => `${key} = ${or.format(values)}`).join('; ')]);
    return html`<section aria-labelledby="audience-summary"><h2 id="audience-summary">${t('audienceFilter.summary')}</h2>${raw(pairs.length ? facts(pairs) : html`<p>${t('audienceFilter.everyone')}</p>`)}</section>`;
  }

  /** The network's member organisations (ended memberships too: contacts keep their organisation), id → name. */
  private async organisations(networkId: string): Promise<Map<string, string>> {
    return new Map((await this.memberships.list(networkId)).map((membership) => [membership.organisation.id, membership.organisation.name]));
  }

  private filterErrors(context: ConsoleContext, filter: AudienceFilterParse | undefined): FieldErrors {
    return Object.fromEntries((filter?.invalid ?? []).map((field) => [field, context.t(`audienceFilter.errors.${field}`)]));
  }

  /** The newsletter's page again with the sending forms as typed: refused (400) or answered in place (a count). */
  private async sendingFormAgain(context: ConsoleContext, id: string, res: Response, status: number, state: SendingFormState): Promise<void> {
    const [newsletter, lists] = await Promise.all([this.campaigns.get(context.principal.networkId, id), this.audience.lists(context.principal.networkId)]);
    res.status(status).type('html').send(await this.editorPage(context, newsletter, lists, this.valuesOf(newsletter), {}, undefined, state));
  }

  /** The rendered issue per language as campaigns would send it; a language campaigns cannot render yet shows none. */
  private async previews(context: ConsoleContext, newsletter: NewsletterView): Promise<Map<Language, string>> {
    const languages = (Object.keys(newsletter.issues) as Language[]).filter((language) => context.network.languages.includes(language));
    const rendered = await Promise.all(languages.map((language) => this.campaigns.preview(context.principal.networkId, newsletter.id, language).then((preview) => preview.html, () => undefined)));
    return new Map(languages.flatMap((language, index) => (rendered[index] === undefined ? [] : [[language, rendered[index]] as [Language, string]])));
  }

  private editorValues(context: ConsoleContext, form: Record<string, unknown>): EditorValues {
    const issues: EditorValues['issues'] = {};
    for (const language of context.network.languages) {
      const subject = formText(form[`subject_${language}`]) ?? '';
      const preheader = formText(form[`preheader_${language}`]) ?? '';
      const markdown = formText(form[`markdown_${language}`]) ?? '';
      if (subject || preheader || markdown) issues[language] = { subject, preheader, markdown };
    }
    return { listIds: formList(form.listIds), issues };
  }

  private valuesOf(newsletter: NewsletterView): EditorValues {
    return { listIds: newsletter.listIds, issues: newsletter.issues as Partial<Record<Language, NewsletterIssue>> };
  }

  /** `issues.sv.subject` → the field `subject_sv`; an issue-less form points at the first language's subject. */
  private editorErrors(context: ConsoleContext, error: { issues: Array<{ path: PropertyKey[] }> }): FieldErrors {
    const { t } = context;
    const errors: FieldErrors = {};
    for (const issue of error.issues) {
      const [root, language, field] = issue.path.map(String);
      if (root === 'listIds') errors.listIds ??= t('newsletters.errors.listIds');
      else if (root === 'issues' && language && field) errors[`${field}_${language}`] ??= t(`newsletters.errors.${field}`);
      else if (root === 'issues') errors[`subject_${context.network.languages[0]}`] ??= t('newsletters.errors.noIssue');
    }
    return errors;
  }

  private subject(context: ConsoleContext, newsletter: NewsletterView): { text: string; lang: Language } {
    const languages = Object.keys(newsletter.issues) as Language[];
    const language = languages.includes(context.language) ? context.language : (context.network.languages.find((l) => languages.includes(l)) ?? languages[0]);
    return { text: newsletter.issues[language]?.subject ?? '', lang: language };
  }

  private when(context: ConsoleContext, newsletter: NewsletterView): string {
    const instant = newsletter.completedAt ?? newsletter.startedAt ?? newsletter.sendAt;
    return instant ? this.pages.dateTime(context, instant) : '';
  }

  private done(progress: NewsletterProgress): number {
    return progress.sent + progress.failed + progress.unknown + progress.skipped;
  }

  private summary(context: ConsoleContext, progress: NewsletterProgress): string {
    const { t } = context;
    const n = (value: number) => this.pages.number(context, value);
    const counts = { state: t(`newsletters.states.${progress.state}`), done: n(this.done(progress)), recipients: n(progress.recipients) };
    if (FINAL_STATES.has(progress.state)) return t('newsletters.finishedSummary', counts);
    const eta = progress.etaSeconds === null ? t('newsletters.etaUnknown') : t('newsletters.eta', { seconds: n(Math.ceil(progress.etaSeconds)) });
    return t('newsletters.liveSummary', { ...counts, rate: n(Math.round(progress.ratePerSecond * 10) / 10), eta });
  }
}

function isAction(value: string): value is NewsletterAction {
  return Object.hasOwn(ACTIONS, value);
}

/**
 * Follows the progress stream and updates the bar and the polite live region; the words come from the page's
 * data-words, so the script carries no language. At a final state it reloads to show the statistics.
 */
const PROGRESS_SCRIPT = `(() => {
  const root = document.querySelector('[data-progress-stream]');
  if (!root || !('EventSource' in window)) return;
  const words = JSON.parse(root.dataset.words);
  const bar = root.querySelector('progress');
  const status = root.querySelector('[data-progress-status]');
  const number = new Intl.NumberFormat(root.dataset.locale);
  const fill = (text, values) => text.replace(/{{(\\w+)}}/g, (_, name) => values[name] ?? '');
  const reload = document.querySelector('[data-progress-reload]');
  if (reload) reload.hidden = true;
  const source = new EventSource(root.dataset.progressStream);
  let last = '';
  source.addEventListener('progress', (event) => {
    const p = JSON.parse(event.data);
    const done = p.sent + p.failed + p.unknown + p.skipped;
    bar.max = Math.max(p.recipients, 1);
    bar.value = p.recipients ? done : 0;
    bar.textContent = number.format(done) + ' / ' + number.format(p.recipients);
    const eta = p.etaSeconds === null ? words.etaUnknown : fill(words.eta, { seconds: number.format(Math.ceil(p.etaSeconds)) });
    const text = fill(words.summary, { state: words.states[p.state] ?? p.state, done: number.format(done), recipients: number.format(p.recipients), rate: number.format(Math.round(p.ratePerSecond * 10) / 10), eta });
    if (text !== last) status.textContent = last = text;
    if (p.state === 'completed' || p.state === 'cancelled') { source.close(); window.location.reload(); }
  });
  source.addEventListener('unavailable', () => { source.close(); if (reload) reload.hidden = false; });
  source.onerror = () => { source.close(); if (reload) reload.hidden = false; };
})();
`;
