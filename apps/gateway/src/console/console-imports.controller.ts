import { Controller, Get, Header, HttpException, Inject, Logger, NotFoundException, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { TFunction } from 'i18next';
import { APP_CONFIG } from '@hub/config';
import { CONTACT_ATTRIBUTES_MAX, type ContactImportRejection, type ContactImportView, createContactImportSchema, type Language, type MailingListView } from '@hub/contracts';
import { createTranslator } from '@hub/i18n';
import { AudienceClient } from '../audience/audience.client';
import { CurrentPrincipal, Public, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import type { GatewayConfig } from '../gateway.config';
import { inLanguage } from '../network-site/site-pages.translator';
import { button, choiceGroup, errorSummary, facts, FieldErrors, fileField, linkButton, notice, selectField, textArea, textField } from '../pages/page-components';
import { html, raw } from '../pages/page.renderer';
import { CONSOLE_IMPORTS_CATALOG } from './console-imports.catalog';
import { ConsoleExceptionFilter } from './console-exception.filter';
import { fieldErrors, formList, formText } from './console-forms';
import { ConsoleContext, ConsolePages } from './console-pages';
import { ColumnChoice, guessColumns, IMPORT_TARGETS, importColumns, ImportTarget, MappingProblem, summariseCsv } from './contact-import-columns';
import type { RequestWithUpload } from './contact-import-upload.middleware';
import { ContactImportUpload, ContactImportUploadsStore } from './contact-import-uploads.store';

/** The script the progress page loads (CSP allows scripts from 'self' only, never inline). */
const IMPORT_PROGRESS_SCRIPT_PATH = '/console/assets/contact-import-progress.js';
/** Rejected rows listed on the summary; the API has them all (the first 10 000). */
const REJECTED_SHOWN = 200;
const FINAL = new Set<ContactImportView['status']>(['done', 'failed']);

const importWords = createTranslator(CONSOLE_IMPORTS_CATALOG);

/** The way into the import from the lists and contacts pages. */
export function importLinkButton(language: Language): string {
  return linkButton(importWords.getFixedT(language)('link'), '/console/imports', 'secondary');
}

/** What the mapping page can say is wrong: the mapping's problems, or a list gone since the upload. */
type PageProblem = MappingProblem | { column: null; problem: 'lists' };

interface UploadValues {
  listIds: string[];
  consentBasis?: string;
  defaultLanguage?: string;
}

/**
 * CSV import of contacts in three steps over the same import API as api/v1/contacts/imports: (1) the file with its
 * lists, consent basis and default language; (2) the mapping of each column, guessed from the headings, over a
 * preview of the first rows; (3) the progress, read from the import. Between (1) and (2) the file waits in
 * ContactImportUploadsStore; at (2) the import is created with the mapping and the file is streamed to audience in
 * the background, so the page can follow it. Without JavaScript, a link reloads the progress.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class ConsoleImportsController {
  private readonly logger = new Logger(ConsoleImportsController.name);
  private readonly maxMegabytes: number;

  constructor(
    private readonly pages: ConsolePages,
    private readonly audience: AudienceClient,
    private readonly uploads: ContactImportUploadsStore,
    @Inject(APP_CONFIG) config: GatewayConfig,
  ) {
    this.maxMegabytes = config.CONSOLE_IMPORT_MAX_MB;
  }

  @Get('imports')
  @RequireRole('coordinator')
  async uploadForm(@CurrentPrincipal() principal: Principal, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    res.type('html').send(await this.uploadPage(context, { listIds: [], defaultLanguage: context.network.defaultLanguage }, {}));
  }

  /** Step 1: the form's fields checked like the API's, the file read once for its headings, then held for step 2. */
  @Post('imports')
  @RequireRole('coordinator')
  async upload(@CurrentPrincipal() principal: Principal, @Req() req: RequestWithUpload, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const w = this.words(context.language);
    const form = (req.body ?? {}) as Record<string, unknown>;
    const values: UploadValues = { listIds: formList(form.listIds), consentBasis: formText(form.consentBasis), defaultLanguage: formText(form.defaultLanguage) };
    const parsed = createContactImportSchema.omit({ columns: true }).safeParse({ ...values, consentBasis: values.consentBasis ?? '' });
    const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error, (field) => w(`upload.errors.${field}`));
    const open = new Set((await this.audience.lists(principal.networkId)).filter((list) => !list.archived).map((list) => list.id));
    if (!errors.listIds && values.listIds.some((id) => !open.has(id))) errors.listIds = w('upload.errors.listIds');
    const file = req.uploadedCsv;
    const summary = file && !file.tooLarge && file.data.length > 0 ? await summariseCsv(file.data) : undefined;
    if (!file || file.data.length === 0) errors.file = file?.tooLarge ? w('upload.errors.fileTooLarge', { megabytes: this.maxMegabytes }) : w('upload.errors.file');
    else if (summary && 'problem' in summary) errors.file = w(`upload.errors.${summary.problem}`, summary);
    if (!parsed.success || !file || !summary || 'problem' in summary || Object.keys(errors).length > 0) {
      res.status(400).type('html').send(await this.uploadPage(context, values, errors));
      return;
    }
    const held = await this.uploads.hold({ networkId: principal.networkId, fileName: file.fileName, ...parsed.data, ...summary }, file.data);
    res.redirect(303, `/console/imports/uploads/${held.id}`);
  }

  /** Step 2: the headings and the first rows, each column with its guessed field. */
  @Get('imports/uploads/:uploadId')
  @RequireRole('coordinator')
  async mappingForm(@CurrentPrincipal() principal: Principal, @Param('uploadId') uploadId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const upload = await this.heldUpload(principal, uploadId, res);
    if (!upload) return;
    res.type('html').send(await this.pages.render(context, 'contacts', this.words(context.language)('mapping.title'), this.mappingBody(context, upload, guessColumns(upload.headings), [])));
  }

  /** Creates the import with the mapping, takes the held file (once) and streams it to audience without waiting. */
  @Post('imports/uploads/:uploadId')
  @RequireRole('coordinator')
  async startImport(@CurrentPrincipal() principal: Principal, @Param('uploadId') uploadId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const w = this.words(context.language);
    const upload = await this.heldUpload(principal, uploadId, res);
    if (!upload) return;
    const form = (req.body ?? {}) as Record<string, unknown>;
    const choices: ColumnChoice[] = upload.headings.map((_heading, index) => {
      const target = formText(form[`column-${index}`]);
      return { target: IMPORT_TARGETS.includes(target as ImportTarget) ? (target as ImportTarget) : 'ignore', key: formText(form[`key-${index}`]) ?? '' };
    });
    const mapping = importColumns(upload.headings, choices);
    const refuse = async (problems: PageProblem[]) => {
      res.status(400).type('html').send(await this.pages.render(context, 'contacts', w('mapping.title'), this.mappingBody(context, upload, choices, problems)));
    };
    if ('problems' in mapping) return refuse(mapping.problems);
    const file = await this.uploads.take(upload);
    // Taken meanwhile by a second press of the button, which started the import: follow that one.
    if (!file) return void (await this.heldUpload(principal, uploadId, res));
    let job: ContactImportView;
    try {
      job = await this.audience.createImport(principal.networkId, {
        listIds: upload.listIds,
        consentBasis: upload.consentBasis,
        defaultLanguage: upload.defaultLanguage,
        columns: mapping.columns,
        delimiter: upload.delimiter,
      });
    } catch (error) {
      await this.uploads.restore(upload, file);
      // A list archived since step 1: say so on the form instead of failing.
      if (error instanceof HttpException && error.getStatus() === 400) return refuse([{ column: null, problem: 'lists' }]);
      throw error;
    }
    await this.uploads.remember(upload, job.id);
    this.runInBackground(principal.networkId, job.id, file);
    res.redirect(303, `/console/imports/${encodeURIComponent(job.id)}`);
  }

  /** Step 3: the import's counts as a progress bar, then its summary and the rejected rows with their reasons. */
  @Get('imports/:importId')
  @RequireRole('coordinator')
  async progress(@CurrentPrincipal() principal: Principal, @Param('importId') importId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const context = await this.pages.context(principal, req, res);
    const w = this.words(context.language);
    const [job, lists] = await Promise.all([this.audience.contactImport(principal.networkId, importId), this.audience.lists(principal.networkId)]);
    const total = job.status === 'done' ? job.rows : await this.uploads.rowCount(job.id);
    const n = (value: number) => this.pages.number(context, value);
    const final = FINAL.has(job.status);
    const counts = { processed: n(job.rows), total: n(total ?? job.rows), created: n(job.created), updated: n(job.updated), rejected: n(job.rejectedTotal) };
    const status = job.status === 'done' ? w('progress.done', counts) : job.status === 'failed' ? w('progress.failed', counts) : job.status === 'waiting' ? w('progress.waiting') : w(total === undefined ? 'progress.runningNoTotal' : 'progress.running', counts);
    const count = (key: keyof ContactImportView & string) => raw(html`<span data-count="${key}">${n(job[key] as number)}</span>`);
    const bar =
      total === undefined
        ? html`<progress id="import-progress-bar">${n(job.rows)}</progress>`
        : html`<progress id="import-progress-bar" max="${Math.max(total, 1)}" value="${job.status === 'done' ? Math.max(total, 1) : Math.min(job.rows, total)}">${n(job.rows)} / ${n(total)}</progress>`;
    const words = { waiting: w('progress.waiting'), running: w('progress.running'), runningNoTotal: w('progress.runningNoTotal') };
    const listLinks = job.listIds
      .map((listId) => {
        const list = lists.find((candidate) => candidate.id === listId);
        const name = list ? this.listName(context, list) : { text: listId, lang: context.language };
        return html`<li><a href="/console/contacts?listId=${encodeURIComponent(listId)}"${raw(name.lang === context.language ? '' : html` lang="${name.lang}"`)}>${w('progress.seeContacts', { list: name.text })}</a></li>`;
      })
      .join('');
    const body = html`<h1>${w('progress.title')}</h1>
${raw(job.status === 'done' ? notice('success', status) : job.status === 'failed' ? notice('error', status) : '')}
<div class="send-progress" data-import-progress="/api/v1/contacts/imports/${encodeURIComponent(job.id)}" data-locale="${context.language}" data-total="${total ?? ''}" data-words="${JSON.stringify(words)}">
<label for="import-progress-bar">${w('progress.label')}</label>
${raw(bar)}
<p class="send-progress__status" aria-live="polite" data-progress-status>${final ? '' : status}</p>
</div>
${raw(facts([
  [w('progress.processed'), count('rows')],
  [w('progress.created'), count('created')],
  [w('progress.updated'), count('updated')],
  [w('progress.duplicates'), count('duplicates')],
  [w('progress.suppressed'), count('suppressed')],
  [w('progress.rejected'), count('rejectedTotal')],
]))}
${raw(final ? '' : html`<p><a href="/console/imports/${encodeURIComponent(job.id)}" data-progress-reload>${w('progress.reload')}</a></p>`)}
${raw(final ? this.rejectedTable(context, job) : '')}
${raw(final ? html`<ul>${raw(listLinks)}</ul><p>${raw(linkButton(w('progress.another'), '/console/imports', 'secondary'))}</p>` : '')}
${raw(final ? '' : html`<script src="${IMPORT_PROGRESS_SCRIPT_PATH}" defer></script>`)}`;
    res.type('html').send(await this.pages.render(context, 'contacts', w('progress.title'), body));
  }

  @Public()
  @Get('assets/contact-import-progress.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'no-cache')
  progressScript(): string {
    return PROGRESS_SCRIPT;
  }

  /**
   * Audience answers when the whole file is read, which may take minutes; the page follows the import meanwhile.
   * A failure is already on the import (audience marks it failed), so it is only logged here.
   */
  private runInBackground(networkId: string, importId: string, file: Buffer): void {
    const body = new Blob([new Uint8Array(file)]).stream();
    this.audience.runImport(networkId, importId, body).catch((error: unknown) => this.logger.warn(`import ${importId} could not be run: ${(error as Error).message}`));
  }

  /** The held upload; once it became an import, a redirect to that import's progress instead (and undefined). */
  private async heldUpload(principal: Principal, uploadId: string, res: Response): Promise<ContactImportUpload | undefined> {
    const upload = await this.uploads.find(principal.networkId, uploadId);
    if (upload) return upload;
    const importId = await this.uploads.startedImport(principal.networkId, uploadId);
    if (!importId) throw new NotFoundException('no such upload in this network, or it expired');
    res.redirect(303, `/console/imports/${encodeURIComponent(importId)}`);
    return undefined;
  }

  private words(language: Language): TFunction {
    return importWords.getFixedT(language);
  }

  private async uploadPage(context: ConsoleContext, values: UploadValues, errors: FieldErrors): Promise<string> {
    const { t } = context;
    const w = this.words(context.language);
    const lists = (await this.audience.lists(context.principal.networkId)).filter((list) => !list.archived);
    const languages = context.network.languages.includes(values.defaultLanguage as Language) || !values.defaultLanguage ? context.network.languages : [...context.network.languages, values.defaultLanguage as Language];
    const form = lists.length
      ? html`<form method="post" action="/console/imports" enctype="multipart/form-data" novalidate>
${raw(this.pages.csrf(context))}
${raw(fileField({ name: 'file', label: w('upload.file'), hint: w('upload.fileHint', { megabytes: this.maxMegabytes }), accept: '.csv,text/csv', required: true, error: errors.file }))}
${raw(
  choiceGroup({
    type: 'checkbox',
    name: 'listIds',
    label: w('upload.lists'),
    error: errors.listIds,
    options: lists.map((list) => {
      const name = this.listName(context, list);
      return { value: list.id, label: name.text, lang: name.lang === context.language ? undefined : name.lang, checked: values.listIds.includes(list.id) };
    }),
  }),
)}
${raw(textArea({ name: 'consentBasis', label: w('upload.consentBasis'), hint: w('upload.consentHint'), maxlength: 500, required: true, value: values.consentBasis, error: errors.consentBasis }))}
${raw(selectField({ name: 'defaultLanguage', label: w('upload.defaultLanguage'), hint: w('upload.defaultLanguageHint'), value: values.defaultLanguage, error: errors.defaultLanguage, options: languages.map((language) => ({ value: language, label: this.pages.languageName(language), lang: language })) }))}
${raw(button(w('upload.submit')))}
</form>`
      : html`<p>${w('upload.noLists')}</p>`;
    const body = html`<h1>${w('upload.title')}</h1>
${raw(errorSummary(t('errorSummary'), errors))}
<p>${w('upload.intro')}</p>
${raw(form)}
<p><a href="/console/contacts">${w('back')}</a></p>`;
    return this.pages.render(context, 'contacts', w('upload.title'), body);
  }

  private mappingBody(context: ConsoleContext, upload: ContactImportUpload, choices: ColumnChoice[], problems: PageProblem[]): string {
    const { t } = context;
    const w = this.words(context.language);
    const errors: FieldErrors = {};
    for (const problem of problems) {
      if (problem.column === null) errors.mapping ??= w(`mapping.errors.${problem.problem}`, { max: CONTACT_ATTRIBUTES_MAX });
      else if (problem.problem === 'duplicate') errors[`column-${problem.column}`] ??= w('mapping.errors.duplicate', { target: w(`targets.${problem.target}`) });
      else errors[`key-${problem.column}`] ??= w(`mapping.errors.${problem.problem}`, { key: problem.key });
    }
    const targetOptions = IMPORT_TARGETS.map((target) => ({ value: target, label: w(`targets.${target}`) }));
    const columns = upload.headings
      .map((heading, index) => {
        const examples = upload.preview.map((row) => row[index] ?? '').filter(Boolean).slice(0, 3);
        return html`<fieldset class="field"><legend>${w('mapping.column', { heading })}</legend>
${raw(examples.length ? html`<p class="hint">${w('mapping.examples', { values: examples.join(', ') })}</p>` : '')}
${raw(selectField({ name: `column-${index}`, label: w('mapping.target'), value: choices[index]?.target ?? 'ignore', options: targetOptions, error: errors[`column-${index}`] }))}
${raw(textField({ name: `key-${index}`, label: w('mapping.key'), hint: w('mapping.keyHint'), autocomplete: 'off', maxlength: 40, value: choices[index]?.key, error: errors[`key-${index}`] }))}
</fieldset>`;
      })
      .join('\n');
    const headRow = upload.headings.map((heading) => html`<th scope="col">${heading}</th>`).join('');
    const rows = upload.preview.map((row) => html`<tr>${raw(upload.headings.map((_heading, index) => html`<td>${row[index] ?? ''}</td>`).join(''))}</tr>`).join('');
    const mappingError = errors.mapping ? html`<p id="mapping-error" class="field-error">${errors.mapping}</p>` : '';
    return html`<h1>${w('mapping.title')}</h1>
${raw(errorSummary(t('errorSummary'), errors))}
<p>${w('mapping.intro', { file: upload.fileName, rows: this.pages.number(context, upload.rows) })}</p>
<table><caption>${w('mapping.preview')}</caption><thead><tr>${raw(headRow)}</tr></thead><tbody>${raw(rows)}</tbody></table>
<form method="post" action="/console/imports/uploads/${upload.id}" novalidate>
${raw(this.pages.csrf(context))}
<fieldset class="field" id="mapping"${raw(mappingError ? ' aria-describedby="mapping-error"' : '')}><legend>${w('mapping.columns')}</legend>
${raw(mappingError)}
${raw(columns)}
</fieldset>
${raw(button(w('mapping.submit')))}
</form>
<p>${w('mapping.expires', { time: this.pages.dateTime(context, upload.expiresAt) })} <a href="/console/imports">${w('mapping.again')}</a></p>`;
  }

  private rejectedTable(context: ConsoleContext, job: ContactImportView): string {
    if (job.rejected.length === 0) return '';
    const w = this.words(context.language);
    const n = (value: number) => this.pages.number(context, value);
    const rows = job.rejected
      .slice(0, REJECTED_SHOWN)
      .map((row) => html`<tr><th scope="row">${n(row.line)}</th><td>${raw(row.reasons.map((reason) => this.reason(w, reason)).join('; '))}</td></tr>`)
      .join('');
    const more = job.rejectedTotal > REJECTED_SHOWN ? html`<p>${w('progress.rejectedMore', { shown: n(Math.min(REJECTED_SHOWN, job.rejected.length)), total: n(job.rejectedTotal) })}</p>` : '';
    return html`<h2>${w('progress.rejectedHeading')}</h2>
<p>${w('progress.rejectedHint')}</p>
<table><caption class="visually-hidden">${w('progress.rejectedHeading')}</caption><thead><tr><th scope="col">${w('progress.line')}</th><th scope="col">${w('progress.problems')}</th></tr></thead><tbody>${raw(rows)}</tbody></table>
${raw(more)}`;
  }

  /** A rejection's reason in the page's language; audience's English words only for imports from before the codes. */
  private reason(w: TFunction, reason: ContactImportRejection['reasons'][number]): string {
    if (reason.code === 'other') return html`<span lang="en">${reason.message}</span>`;
    return html`${w(`reasons.${reason.code}`, { column: reason.column ?? '', max: CONTACT_ATTRIBUTES_MAX })}`;
  }

  private listName(context: ConsoleContext, list: MailingListView): { text: string; lang: Language } {
    return inLanguage(list.names, context.language, list.defaultLanguage);
  }
}

/**
 * Polls the import (api/v1/contacts/imports/:id, the session's cookie) each second and updates the bar, the counts
 * and the polite live region; the words come from the page's data-words. At the end it reloads for the summary.
 */
const PROGRESS_SCRIPT = `(() => {
  const root = document.querySelector('[data-import-progress]');
  if (!root || !window.fetch) return;
  const words = JSON.parse(root.dataset.words);
  const total = root.dataset.total === '' ? null : Number(root.dataset.total);
  const bar = root.querySelector('progress');
  const status = root.querySelector('[data-progress-status]');
  const number = new Intl.NumberFormat(root.dataset.locale);
  const fill = (text, values) => text.replace(/{{(\\w+)}}/g, (_, name) => values[name] ?? '');
  const reload = document.querySelector('[data-progress-reload]');
  if (reload) reload.hidden = true;
  let last = status.textContent;
  const poll = async () => {
    let job;
    try {
      const response = await fetch(root.dataset.importProgress, { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(String(response.status));
      job = await response.json();
    } catch {
      if (reload) reload.hidden = false;
      return;
    }
    if (job.status === 'done' || job.status === 'failed') { window.location.reload(); return; }
    for (const key of ['rows', 'created', 'updated', 'duplicates', 'suppressed', 'rejectedTotal']) {
      const cell = document.querySelector('[data-count="' + key + '"]');
      if (cell) cell.textContent = number.format(job[key]);
    }
    if (total !== null) { bar.max = Math.max(total, 1); bar.value = Math.min(job.rows, total); }
    bar.textContent = number.format(job.rows);
    const values = { processed: number.format(job.rows), total: number.format(total ?? job.rows) };
    const text = job.status === 'waiting' ? words.waiting : fill(total === null ? words.runningNoTotal : words.running, values);
    if (text !== last) status.textContent = last = text;
    setTimeout(poll, 1000);
  };
  setTimeout(poll, 500);
})();
`;
