import { BadRequestException, Body, Controller, Get, Header, HttpCode, HttpException, Ip, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { LANGUAGES, Language, PreferencesView } from '@hub/contracts';
import { createTranslator } from '@hub/i18n';
import { AudienceClient } from '../audience/audience.client';
import { Public } from '../auth/auth.decorators';
import { html, isLanguage, PageRenderer, raw } from '../pages/page.renderer';
import { oneClickField } from './one-click-body';
import { ONE_CLICK_KEY, ONE_CLICK_VALUE, preferencesFormSchema, unsubscribeFormSchema } from './preferences.dto';
import { PREFERENCES_PAGE_CATALOG } from './preferences-page.catalog';

const HTML = 'text/html; charset=utf-8';
const PREFERENCES_WORDING = 'preferences-page/v1';
const ONE_CLICK_WORDING = 'list-unsubscribe/v1';

/**
 * The pages behind the links in every email: preferences, and the RFC 8058 one-click unsubscribe. They work
 * without JavaScript, cookies or sign-in; the signed token is the only credential.
 */
@Public()
@ApiExcludeController()
@Controller()
export class PreferencesPagesController {
  private readonly translator = createTranslator(PREFERENCES_PAGE_CATALOG);

  constructor(
    private readonly audience: AudienceClient,
    private readonly pages: PageRenderer,
  ) {}

  @Get('preferences')
  @Header('content-type', HTML)
  async preferencesPage(@Query('token') token = '', @Res({ passthrough: true }) res: Response): Promise<string> {
    try {
      return this.renderPreferences(token, await this.audience.preferences(token), false);
    } catch (error) {
      return this.invalidLink(error, res, 'en');
    }
  }

  @Post('preferences')
  @HttpCode(200)
  @Header('content-type', HTML)
  async savePreferences(@Body() body: Record<string, unknown>, @Res({ passthrough: true }) res: Response, @Ip() ip: string): Promise<string> {
    const parsed = preferencesFormSchema.safeParse(body);
    if (!parsed.success) return this.invalidLink(new BadRequestException(), res, 'en');
    try {
      const view = await this.audience.updatePreferences(parsed.data, { method: 'preferences', wordingId: PREFERENCES_WORDING, ip });
      return this.renderPreferences(parsed.data.token, view, true);
    } catch (error) {
      return this.invalidLink(error, res, 'en');
    }
  }

  @Post('preferences/unsubscribe')
  @HttpCode(200)
  @Header('content-type', HTML)
  async unsubscribe(@Body() body: Record<string, unknown>, @Res({ passthrough: true }) res: Response, @Ip() ip: string): Promise<string> {
    const parsed = unsubscribeFormSchema.safeParse(body);
    if (!parsed.success) return this.invalidLink(new BadRequestException(), res, 'en');
    try {
      const answer = await this.audience.unsubscribe(parsed.data.token, parsed.data.listId, { method: 'preferences', wordingId: PREFERENCES_WORDING, ip });
      return this.unsubscribed(answer.language ?? 'en');
    } catch (error) {
      return this.invalidLink(error, res, 'en');
    }
  }

  /** A person who opens the List-Unsubscribe URL in a browser gets a button; a GET changes nothing (link scanners). */
  @Get('unsubscribe/one-click')
  @Header('content-type', HTML)
  oneClickPage(@Query('token') token = '', @Query('lang') lang?: string): string {
    const language: Language = isLanguage(lang) ? lang : 'en';
    const t = this.t(language);
    return this.pages.render({
      language,
      title: t('oneClickTitle'),
      body: html`<h1>${t('oneClickTitle')}</h1><p>${t('oneClickBody')}</p>
<form method="post" action="/unsubscribe/one-click?token=${encodeURIComponent(token)}">
<input type="hidden" name="${ONE_CLICK_KEY}" value="${ONE_CLICK_VALUE}">
<button type="submit">${t('oneClickButton')}</button>
</form>`,
    });
  }

  /**
   * RFC 8058 one-click: the mailbox provider POSTs `List-Unsubscribe=One-Click` to the List-Unsubscribe URL. No
   * cookie, no sign-in, no confirmation page; repeating it changes nothing. Anything else is a 400 and changes
   * nothing, so a plain GET-follower or a stray form cannot unsubscribe anyone.
   */
  @Post('unsubscribe/one-click')
  @HttpCode(200)
  @Header('content-type', HTML)
  async oneClick(@Query('token') token = '', @Req() req: Request, @Res({ passthrough: true }) res: Response, @Ip() ip: string): Promise<string> {
    if ((await oneClickField(req, ONE_CLICK_KEY)) !== ONE_CLICK_VALUE) {
      return this.invalidLink(new BadRequestException(`body: must be ${ONE_CLICK_KEY}=${ONE_CLICK_VALUE}`), res, 'en');
    }
    try {
      const answer = await this.audience.oneClickUnsubscribe(token, { method: 'one-click', wordingId: ONE_CLICK_WORDING, ip });
      return this.unsubscribed(answer.language ?? 'en');
    } catch (error) {
      return this.invalidLink(error, res, 'en');
    }
  }

  private renderPreferences(token: string, view: PreferencesView, saved: boolean): string {
    const language = view.language;
    const t = this.t(language);
    const listInputs = view.lists
      .map(
        (list) =>
          html`<label><input type="checkbox" name="listIds" value="${list.id}"${raw(list.status === 'confirmed' || list.status === 'pending' ? ' checked' : '')}> ${list.names[language] ?? list.names.en ?? Object.values(list.names)[0] ?? ''}</label>`,
      )
      .join('\n');
    const languageOptions = LANGUAGES.map(
      (option) => html`<option value="${option}"${raw(option === language ? ' selected' : '')}>${this.pages.t(option)('languageName')}</option>`,
    ).join('');
    return this.pages.render({
      language,
      title: t('title'),
      body: html`<h1>${t('title')}</h1>
<p>${t('intro', { email: view.email })}</p>
${raw(saved ? html`<p role="status">${t('savedBody')}</p>` : '')}
${raw(view.suppressed ? html`<p>${t('suppressedNote')}</p>` : '')}
<form method="post" action="/preferences">
<input type="hidden" name="token" value="${token}">
<label for="name">${t('name')}</label>
<input id="name" name="name" type="text" autocomplete="name" value="${view.name ?? ''}">
<label for="language">${t('language')}</label>
<select id="language" name="language">${raw(languageOptions)}</select>
<fieldset><legend>${t('lists')}</legend>${raw(listInputs)}</fieldset>
<button type="submit">${t('save')}</button>
</form>
<h2>${t('leaveAllHeading')}</h2>
<p>${t('leaveAllBody')}</p>
<form method="post" action="/preferences/unsubscribe">
<input type="hidden" name="token" value="${token}">
<button type="submit">${t('leaveAllButton')}</button>
</form>`,
    });
  }

  private unsubscribed(language: Language): string {
    const t = this.t(language);
    return this.pages.render({ language, title: t('unsubscribedTitle'), body: html`<h1>${t('unsubscribedTitle')}</h1><p>${t('unsubscribedBody')}</p>` });
  }

  /** Bad or dead links get a page, with the status audience gave (400, 404, 409, 410); a failing service is not hidden. */
  private invalidLink(error: unknown, res: Response, language: Language): string {
    if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
    res.status(error.getStatus());
    const t = this.t(language);
    return this.pages.render({ language, title: t('invalidTitle'), body: html`<h1>${t('invalidTitle')}</h1><p>${t('invalidBody')}</p>` });
  }

  private t(language: Language) {
    return this.translator.getFixedT(language);
  }
}
