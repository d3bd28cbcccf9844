import { Body, Controller, Get, HttpException, Ip, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ContactView, contactFilterSchema, createContactSchema, type Language, type MailingListView, updateContactSchema } from '@hub/contracts';
import { AudienceClient } from '../audience/audience.client';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { inLanguage } from '../network-site/site-pages.translator';
import { button, checkboxField, choiceGroup, errorSummary, facts, FieldErrors, linkButton, notice, selectField, textArea, textField } from '../pages/page-components';
import { html, raw } from '../pages/page.renderer';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { ConsoleContext, ConsolePages } from './console-pages';
import { importLinkButton } from './console-imports.controller';
import { fieldErrors, formList, formText } from './console-forms';

const PAGE_SIZE = 25;
const DONE = new Set(['created', 'saved', 'blocked', 'unblocked', 'erased']);

/**
 * Lists and contacts in the console. Every read and change goes through the same AudienceClient calls as the JSON
 * API (api/v1/lists, api/v1/contacts), with the network taken from the session.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class ConsoleContactsController {
  constructor(
    private readonly pages: ConsolePages,
    private readonly audience: AudienceClient,
  ) {}

  /** Each list with how many contacts are confirmed and pending on it (the contact search's totals). */
  @Get('lists')
  @RequireRole('viewer')
  async lists(@CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const { t } = context;
    const lists = await this.audience.lists(principal.networkId);
    const counts = await Promise.all(
      lists.map(async (list) => {
        const [confirmed, pending] = await Promise.all(
          (['confirmed', 'pending'] as const).map(async (status) => (await this.audience.contacts(principal.networkId, { listId: list.id, status, limit: 1 })).total),
        );
        return { confirmed, pending };
      }),
    );
    const rows = lists
      .map((list, index) => {
        const name = this.listName(context, list);
        const visibility = list.archived ? t('lists.archived') : list.isPublic ? t('lists.public') : t('lists.internal');
        return html`<tr><th scope="row"><a href="/console/contacts?listId=${list.id}" lang="${name.lang}">${name.text}</a></th><td>${this.pages.number(context, counts[index].confirmed)}</td><td>${this.pages.number(context, counts[index].pending)}</td><td>${visibility}</td></tr>`;
      })
      .join('');
    const table = lists.length
      ? html`<table><caption>${t('lists.caption')}</caption><thead><tr><th scope="col">${t('lists.name')}</th><th scope="col">${t('lists.confirmed')}</th><th scope="col">${t('lists.pending')}</th><th scope="col">${t('lists.visibility')}</th></tr></thead><tbody>${raw(rows)}</tbody></table>`
      : html`<p>${t('lists.none')}</p>`;
    const body = html`<h1>${t('lists.title')}</h1>
${raw(table)}
<p>${raw(linkButton(t('contacts.title'), '/console/contacts', 'secondary'))}${raw(context.can('coordinator') ? linkButton(t('contacts.add'), '/console/contacts/new') + importLinkButton(context.language) : '')}</p>`;
    res.type('html').send(await this.pages.render(context, 'contacts', t('lists.title'), body));
  }

  /** Search (address or name) and filter by list, status on it and language; pages of 25 (or `limit`) with the total. */
  @Get('contacts')
  @RequireRole('viewer')
  async contacts(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const { t } = context;
    const lists = await this.audience.lists(principal.networkId);
    const values = { q: formText(query.q), listId: formText(query.listId), status: formText(query.status), language: formText(query.language), limit: formText(query.limit), cursor: formText(query.cursor) };
    const parsed = contactFilterSchema.safeParse({ ...values, limit: values.limit ?? PAGE_SIZE });
    const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error, (field) => (field === 'status' ? t('contacts.statusNeedsList') : t('contacts.badFilter')));
    const page = parsed.success ? await this.audience.contacts(principal.networkId, parsed.data) : undefined;
    const listOptions = [{ value: '', label: t('contacts.anyList') }, ...lists.map((list) => ({ value: list.id, label: this.listName(context, list).text }))];
    const statusOptions = [{ value: '', label: t('contacts.anyStatus') }, ...(['confirmed', 'pending', 'unsubscribed'] as const).map((status) => ({ value: status, label: t(`status.${status}`) }))];
    const languageOptions = [{ value: '', label: t('contacts.anyLanguage') }, ...context.network.languages.map((language) => ({ value: language, label: this.pages.languageName(language), lang: language }))];
    const filterForm = html`<form method="get" action="/console/contacts" novalidate role="search" aria-labelledby="filter-heading">
<h2 id="filter-heading">${t('contacts.filterHeading')}</h2>
${raw(textField({ name: 'q', type: 'search', label: t('contacts.search'), value: values.q, error: errors.q }))}
${raw(selectField({ name: 'listId', label: t('contacts.list'), options: listOptions, value: values.listId, error: errors.listId }))}
${raw(selectField({ name: 'status', label: t('contacts.status'), options: statusOptions, value: values.status, error: errors.status }))}
${raw(selectField({ name: 'language', label: t('contacts.language'), options: languageOptions, value: values.language, error: errors.language }))}
${raw(button(t('contacts.filter')))}
</form>`;
    const listNames = new Map(lists.map((list) => [list.id, this.listName(context, list).text]));
    const rows = (page?.items ?? [])
      .map(
        (contact) =>
          html`<tr><th scope="row"><a href="/console/contacts/${contact.id}">${contact.email}</a></th><td>${contact.name ?? ''}</td><td>${this.pages.languageName(contact.language)}</td><td>${contact.subscriptions.map((s) => `${listNames.get(s.listId) ?? s.listId}: ${t(`status.${s.status}`)}`).join(', ')}</td><td>${contact.suppression ? t(`suppression.${contact.suppression}`) : ''}</td></tr>`,
      )
      .join('');
    const filterQuery = new URLSearchParams(Object.entries({ ...values, cursor: undefined }).filter((entry): entry is [string, string] => Boolean(entry[1])));
    // A full page has a next cursor even when nothing follows; counting the rows already shown avoids an empty last page.
    const shown = (Number.parseInt(formText(query.shown) ?? '0', 10) || 0) + (page?.items.length ?? 0);
    const paging = [
      values.cursor ? html`<a href="/console/contacts?${filterQuery.toString()}">${t('contacts.first')}</a>` : '',
      page?.nextCursor && shown < page.total
        ? html`<a href="/console/contacts?${new URLSearchParams([...filterQuery, ['cursor', page.nextCursor], ['shown', String(shown)]]).toString()}" rel="next">${t('contacts.next')}</a>`
        : '',
    ].filter(Boolean);
    const results = page
      ? html`<p role="status">${t('contacts.total', { total: this.pages.number(context, page.total) })}</p>
${raw(
  page.items.length
    ? html`<table><caption>${t('contacts.caption')}</caption><thead><tr><th scope="col">${t('contacts.email')}</th><th scope="col">${t('contacts.name')}</th><th scope="col">${t('contacts.language')}</th><th scope="col">${t('contacts.lists')}</th><th scope="col">${t('contacts.blocked')}</th></tr></thead><tbody>${raw(rows)}</tbody></table>`
    : html`<p>${t('contacts.none')}</p>`,
)}
${raw(paging.length ? html`<nav aria-label="${t('contacts.caption')}"><ul class="pager">${raw(paging.map((link) => `<li>${link}</li>`).join(''))}</ul></nav>` : '')}`
      : '';
    // The whole filter's contacts, not this page's: the CSV leaves out paging. Coordinators only, as the API allows.
    const exportQuery = new URLSearchParams([...filterQuery].filter(([name]) => name !== 'limit'));
    const exportLink = page && context.can('coordinator') ? html`<p><a href="/api/v1/contacts/export.csv?${exportQuery.toString()}" download>${t('exports.contactsCsv')}</a></p>` : '';
    const done = formText(query.done);
    const body = html`<h1>${t('contacts.title')}</h1>
${raw(done === 'erased' ? this.pages.outcome(t('contacts.erased')) : '')}
${raw(errorSummary(t('errorSummary'), errors))}
${raw(context.can('coordinator') ? html`<p>${raw(linkButton(t('contacts.add'), '/console/contacts/new'))}${raw(importLinkButton(context.language))}</p>` : '')}
${raw(filterForm)}
${raw(exportLink)}
${raw(results)}`;
    res.status(parsed.success ? 200 : 400).type('html').send(await this.pages.render(context, 'contacts', t('contacts.title'), body));
  }

  @Get('contacts/new')
  @RequireRole('coordinator')
  async newContact(@CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    res.type('html').send(await this.contactForm(context, { language: context.network.defaultLanguage }, {}));
  }

  /** Like POST api/v1/contacts: with a consent basis, single opt-in lists confirm at once; otherwise a confirmation email. */
  @Post('contacts/new')
  @RequireRole('coordinator')
  async createContact(@CurrentPrincipal() principal: Principal, @Body() form: Record<string, unknown>, @Ip() ip: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const { t } = context;
    const values = { email: formText(form.email), name: formText(form.name), language: formText(form.language), listIds: formList(form.listIds), consentBasis: formText(form.consentBasis) };
    const parsed = createContactSchema.safeParse({ ...values, email: values.email ?? '' });
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error, (field) => t(`contactForm.errors.${field}`));
      res.status(400).type('html').send(await this.contactForm(context, values, errors));
      return;
    }
    try {
      const contact = await this.audience.createContact(principal.networkId, parsed.data, { method: 'coordinator', wordingId: 'coordinator-entry/v1', ip });
      res.redirect(303, `/console/contacts/${encodeURIComponent(contact.id)}?done=created`);
    } catch (error) {
      const errors = rejectedFields(error, ['email', 'name', 'language', 'listIds', 'consentBasis'], (field) => t(`contactForm.errors.${field}`));
      if (!errors) throw error;
      res.status(400).type('html').send(await this.contactForm(context, values, errors));
    }
  }

  @Get('contacts/:contactId')
  @RequireRole('viewer')
  async contact(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string, @Query('done') done: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const contact = await this.audience.contact(principal.networkId, contactId);
    const outcome = typeof done === 'string' && DONE.has(done) ? this.doneMessage(context, done) : undefined;
    res.type('html').send(await this.contactPage(context, contact, { outcome }));
  }

  /** Name and language, like PATCH api/v1/contacts/:contactId; an empty name removes it. */
  @Post('contacts/:contactId')
  @RequireRole('coordinator')
  async updateContact(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string, @Body() form: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const values = { name: formText(form.name) ?? null, language: formText(form.language) };
    const parsed = updateContactSchema.safeParse(values);
    if (!parsed.success) {
      const contact = await this.audience.contact(principal.networkId, contactId);
      const errors = fieldErrors(parsed.error, (field) => context.t(`contactForm.errors.${field}`));
      res.status(400).type('html').send(await this.contactPage(context, contact, { editErrors: errors, editValues: { name: values.name ?? '', language: values.language } }));
      return;
    }
    await this.audience.updateContact(principal.networkId, contactId, parsed.data);
    res.redirect(303, `/console/contacts/${encodeURIComponent(contactId)}?done=saved`);
  }

  @Post('contacts/:contactId/block')
  @RequireRole('coordinator')
  async block(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string, @Res() res: Response): Promise<void> {
    await this.audience.blockContact(principal.networkId, contactId);
    res.redirect(303, `/console/contacts/${encodeURIComponent(contactId)}?done=blocked`);
  }

  @Post('contacts/:contactId/unblock')
  @RequireRole('coordinator')
  async unblock(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string, @Res() res: Response): Promise<void> {
    await this.audience.unblockContact(principal.networkId, contactId);
    res.redirect(303, `/console/contacts/${encodeURIComponent(contactId)}?done=unblocked`);
  }

  /** GDPR erasure, as DELETE api/v1/contacts/:contactId; the form must carry an explicit confirmation. */
  @Post('contacts/:contactId/erase')
  @RequireRole('coordinator')
  async erase(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string, @Body() form: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (form.confirm !== 'yes') {
      const context = await this.pages.context(principal, req, res);
      const contact = await this.audience.contact(principal.networkId, contactId);
      res.status(400).type('html').send(await this.contactPage(context, contact, { eraseError: context.t('contact.eraseMissing') }));
      return;
    }
    await this.audience.eraseContact(principal.networkId, contactId);
    res.redirect(303, '/console/contacts?done=erased');
  }

  private async contactForm(context: ConsoleContext, values: { email?: string; name?: string; language?: string; listIds?: string[]; consentBasis?: string }, errors: FieldErrors): Promise<string> {
    const { t } = context;
    const lists = (await this.audience.lists(context.principal.networkId)).filter((list) => !list.archived);
    const body = html`<h1>${t('contactForm.title')}</h1>
${raw(errorSummary(t('errorSummary'), errors))}
<form method="post" action="/console/contacts/new" novalidate>
${raw(this.pages.csrf(context))}
${raw(textField({ name: 'email', type: 'email', label: t('contactForm.email'), autocomplete: 'off', required: true, value: values.email, error: errors.email }))}
${raw(textField({ name: 'name', label: t('contactForm.name'), autocomplete: 'off', maxlength: 200, value: values.name, error: errors.name }))}
${raw(selectField({ name: 'language', label: t('contactForm.language'), value: values.language, error: errors.language, options: this.languageOptions(context, values.language) }))}
${raw(
  lists.length
    ? choiceGroup({
        type: 'checkbox',
        name: 'listIds',
        label: t('contactForm.lists'),
        error: errors.listIds,
        options: lists.map((list) => {
          const name = this.listName(context, list);
          return { value: list.id, label: name.text, lang: name.lang === context.language ? undefined : name.lang, checked: values.listIds?.includes(list.id) };
        }),
      })
    : '',
)}
${raw(textArea({ name: 'consentBasis', label: t('contactForm.consentBasis'), hint: t('contactForm.consentHint'), maxlength: 500, value: values.consentBasis, error: errors.consentBasis }))}
${raw(button(t('contactForm.submit')))}
</form>`;
    return this.pages.render(context, 'contacts', t('contactForm.title'), body);
  }

  private async contactPage(
    context: ConsoleContext,
    contact: ContactView,
    state: { outcome?: string; editErrors?: FieldErrors; editValues?: { name: string; language?: string }; eraseError?: string },
  ): Promise<string> {
    const { t } = context;
    const lists = await this.audience.lists(context.principal.networkId);
    const names = new Map(lists.map((list) => [list.id, this.listName(context, list)]));
    const subscriptions = contact.subscriptions.length
      ? html`<table><caption class="visually-hidden">${t('contact.subscriptions')}</caption><thead><tr><th scope="col">${t('contact.list')}</th><th scope="col">${t('contact.status')}</th><th scope="col">${t('contact.since')}</th></tr></thead><tbody>${raw(
          contact.subscriptions
            .map((s) => {
              const name = names.get(s.listId);
              const since = s.status === 'confirmed' ? s.confirmedAt : s.status === 'unsubscribed' ? s.unsubscribedAt : s.requestedAt;
              return html`<tr><th scope="row"${raw(name ? html` lang="${name.lang}"` : '')}>${name?.text ?? s.listId}</th><td>${t(`status.${s.status}`)}</td><td>${this.pages.dateTime(context, since)}</td></tr>`;
            })
            .join(''),
        )}</tbody></table>`
      : html`<p>${t('contact.none')}</p>`;
    const editErrors = state.editErrors ?? {};
    const edit = state.editValues ?? { name: contact.name ?? '', language: contact.language };
    const path = `/console/contacts/${encodeURIComponent(contact.id)}`;
    const changes = context.can('coordinator')
      ? html`<h2>${t('contact.edit')}</h2>
${raw(errorSummary(t('errorSummary'), { ...editErrors, ...(state.eraseError && { 'erase-confirm': state.eraseError }) }))}
<form method="post" action="${path}" novalidate>
${raw(this.pages.csrf(context))}
${raw(textField({ name: 'name', label: t('contact.name'), autocomplete: 'off', maxlength: 200, value: edit.name, error: editErrors.name }))}
${raw(selectField({ name: 'language', id: 'contact-language', label: t('contact.language'), value: edit.language, error: editErrors.language, options: this.languageOptions(context, contact.language) }))}
${raw(button(t('contact.save')))}
</form>
<h2>${contact.suppression === 'blocked' ? t('contact.unblock') : t('contact.block')}</h2>
${raw(contact.suppression === 'blocked' ? '' : html`<p>${t('contact.blockHint')}</p>`)}
<form method="post" action="${path}/${contact.suppression === 'blocked' ? 'unblock' : 'block'}">
${raw(this.pages.csrf(context))}
${raw(button(contact.suppression === 'blocked' ? t('contact.unblock') : t('contact.block'), { variant: 'secondary' }))}
</form>
<h2>${t('contact.erase')}</h2>
<p>${t('contact.eraseHint')}</p>
<form method="post" action="${path}/erase" novalidate>
${raw(this.pages.csrf(context))}
${raw(checkboxField({ name: 'confirm', id: 'erase-confirm', value: 'yes', label: t('contact.eraseConfirm'), error: state.eraseError }))}
${raw(button(t('contact.erase'), { variant: 'secondary' }))}
</form>`
      : '';
    const body = html`<h1>${contact.email}</h1>
${raw(state.outcome ? this.pages.outcome(state.outcome) : '')}
<h2>${t('contact.facts')}</h2>
${raw(
  facts([
    [t('contact.email'), contact.email],
    [t('contact.name'), contact.name ?? ''],
    [t('contact.language'), this.pages.languageName(contact.language)],
    [t('contact.blocked'), contact.suppression ? t(`suppression.${contact.suppression}`) : t('no')],
  ]),
)}
<h2>${t('contact.subscriptions')}</h2>
${raw(subscriptions)}
${raw(changes)}
<p><a href="/console/contacts">${t('contact.back')}</a></p>`;
    return this.pages.render(context, 'contacts', contact.email, body);
  }

  private doneMessage(context: ConsoleContext, done: string): string {
    const key = { created: 'contactForm.created', saved: 'contact.saved', blocked: 'contact.blockDone', unblocked: 'contact.unblockDone', erased: 'contacts.erased' }[done] ?? 'contact.saved';
    return context.t(key);
  }

  private languageOptions(context: ConsoleContext, current?: string) {
    const languages = [...context.network.languages, ...(current && !context.network.languages.includes(current as Language) ? [current as Language] : [])];
    return languages.map((language) => ({ value: language, label: this.pages.languageName(language), lang: language }));
  }

  private listName(context: ConsoleContext, list: MailingListView): { text: string; lang: Language } {
    return inLanguage(list.names, context.language, list.defaultLanguage);
  }
}

/** Audience's 400 for a body the gateway found valid (e.g. a list of another network) as field errors, if it names known fields. */
function rejectedFields(error: unknown, known: string[], message: (field: string) => string): FieldErrors | undefined {
  if (!(error instanceof HttpException) || error.getStatus() !== 400) return undefined;
  const fields = ((error.getResponse() as { fields?: Array<{ field: string }> }).fields ?? []).map((f) => f.field.split('.')[0]).filter((field) => known.includes(field));
  return fields.length ? Object.fromEntries(fields.map((field) => [field, message(field)])) : undefined;
}
