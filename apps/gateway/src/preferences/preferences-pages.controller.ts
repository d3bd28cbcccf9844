import { BadRequestException, Body, Controller, Get, Header, HttpCode, HttpException, Ip, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { LANGUAGES, Language, PreferencesView } from '@hub/contracts';
import { createTranslator } from '@hub/i18n';
import { AudienceClient } from '../audience/audience.client';
import { Public } from '../auth/auth.decorators';
import { button, choiceGroup, hiddenFields, notice, selectField, textField } from '../pages/page-components';
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
${raw(hiddenFields({ [ONE_CLICK_KEY]: ONE_CLICK_VALUE }))}
${raw(button(t('oneClickButton')))}
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
    const lists = choiceGroup({
      name: 'listIds',
      id: 'lists',
      type: 'checkbox',
      label: t('lists'),
      options: view.lists.map((list) => ({
        value: list.id,
        label: list.names[language] ?? list.names.en ?? Object.values(list.names)[0] ?? '',
        checked: list.status === 'confirmed' || list.status === 'pending',
      })),
    });
    const languageOptions = LANGUAGES.map((option) => ({ value: option, label: this.pages.t(option)('languageName'), lang: option }));
    return this.pages.render({
      language,
      title: t('title'),
      body: html`<h1>${t('title')}</h1>
<p>${t('intro', { email: view.email })}</p>
${raw(saved ? notice('success', t('savedBody')) : '')}
${raw(view.suppressed ? notice('info', t('suppressedNote')) : '')}
<form method="post" action="/preferences">
${raw(hiddenFields({ token }))}
${raw(textField({ name: 'name', label: t('name'), value: view.name ?? '', autocomplete: 'name', maxlength: 200 }))}
${raw(selectField({ name: 'language', label: t('language'), options: languageOptions, value: language }))}
${raw(lists)}
${raw(button(t('save')))}
</form>
<h2>${t('leaveAllHeading')}</h2>
<p>${t('leaveAllBody')}</p>
<form method="post" action="/preferences/unsubscribe">
${raw(hiddenFields({ token }))}
${raw(button(t('leaveAllButton'), { variant: 'secondary' }))}
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
