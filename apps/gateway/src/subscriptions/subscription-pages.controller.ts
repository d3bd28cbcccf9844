import { Body, Controller, Get, Header, HttpCode, HttpException, Ip, Param, Post, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Language } from '@hub/contracts';
import { formatList } from '@hub/mail';
import { AudienceClient } from '../audience/audience.client';
import { Public } from '../auth/auth.decorators';
import { SignUpRateLimited } from '../security/rate-limits';
import { Network } from '../networks/network.schema';
import { NetworksService } from '../networks/networks.service';
import { html, isLanguage, PageRenderer, raw } from '../pages/page.renderer';
import { subscribeFormSchema } from './public-subscribe.dto';
import { SubscriptionsService } from './subscriptions.service';

const HTML = 'text/html; charset=utf-8';

interface FormState {
  email?: string;
  name?: string;
  errors?: { email?: string };
}

/** The network's public page with its sign-up form, and the pages of the double opt-in; all work without JavaScript. */
@Public()
@ApiExcludeController()
@Controller()
export class SubscriptionPagesController {
  constructor(
    private readonly networks: NetworksService,
    private readonly subscriptions: SubscriptionsService,
    private readonly audience: AudienceClient,
    private readonly pages: PageRenderer,
  ) {}

  @Get()
  @Header('content-type', HTML)
  async home(@Query('lang') lang?: string): Promise<string> {
    const language: Language = isLanguage(lang) ? lang : 'en';
    const t = this.pages.t(language);
    const networks = await this.networks.listPublic();
    const items = networks
      .map((n) => html`<li><a href="/networks/${n.slug}">${n.name}</a> <span lang="${n.defaultLanguage}">${n.description}</span></li>`)
      .join('\n');
    return this.pages.render({
      language,
      title: t('home.title'),
      body: html`${raw(this.pages.languageLinks(['nb', 'nn', 'sv', 'da', 'fi', 'en'], (l) => `/?lang=${l}`))}
<h1>${t('home.title')}</h1><p>${t('home.intro')}</p><ul>${raw(items)}</ul>`,
    });
  }

  @Get('networks/:slug')
  @Header('content-type', HTML)
  async networkPage(@Param('slug') slug: string, @Query('lang') lang?: string): Promise<string> {
    const network = await this.networks.publicBySlug(slug);
    return this.renderNetworkPage(network, this.pageLanguage(network, lang), {});
  }

  @Post('networks/:slug/subscribe')
  @SignUpRateLimited()
  @HttpCode(200)
  @Header('content-type', HTML)
  async subscribeForm(
    @Param('slug') slug: string,
    @Body() body: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
    @Ip() ip: string,
  ): Promise<string> {
    const network = await this.networks.publicBySlug(slug);
    const language = this.pageLanguage(network, body.language);
    const parsed = subscribeFormSchema.safeParse({ ...body, language });
    if (!parsed.success) {
      res.status(400);
      const t = this.pages.t(language);
      return this.renderNetworkPage(network, language, {
        email: typeof body.email === 'string' ? body.email : '',
        name: typeof body.name === 'string' ? body.name : '',
        errors: { email: t('subscribe.invalidEmail') },
      });
    }
    await this.subscriptions.subscribe(network, parsed.data, { method: 'form', wordingId: 'subscribe-form/v1', ip });
    const t = this.pages.t(language);
    return this.pages.render({
      language,
      title: t('subscribe.sentTitle'),
      body: html`<h1>${t('subscribe.sentTitle')}</h1><p>${t('subscribe.sentBody')}</p><p><a href="/networks/${network.slug}?lang=${language}">${network.name}</a></p>`,
    });
  }

  /**
   * The link in the email shows a button instead of confirming on GET: mail scanners (e.g. Safe Links) fetch every
   * link in a message, and a GET that confirms would subscribe people who never clicked.
   */
  @Get('subscriptions/confirm')
  @Header('content-type', HTML)
  confirmPage(@Query('token') token = '', @Query('lang') lang?: string): string {
    const language: Language = isLanguage(lang) ? lang : 'en';
    const t = this.pages.t(language);
    return this.pages.render({
      language,
      title: t('confirm.pageTitle'),
      body: html`<h1>${t('confirm.pageTitle')}</h1>
<form method="post" action="/subscriptions/confirm">
<input type="hidden" name="token" value="${token}"><input type="hidden" name="lang" value="${language}">
<button type="submit">${t('confirm.button')}</button>
</form>`,
    });
  }

  @Post('subscriptions/confirm')
  @HttpCode(200)
  @Header('content-type', HTML)
  async confirm(@Body() body: Record<string, unknown>, @Res({ passthrough: true }) res: Response, @Ip() ip: string): Promise<string> {
    const fallback: Language = isLanguage(body.lang) ? body.lang : 'en';
    try {
      const answer = await this.subscriptions.confirm(typeof body.token === 'string' ? body.token : '', { method: 'form', wordingId: 'confirm-page/v1', ip });
      const t = this.pages.t(answer.language);
      const lists = formatList(answer.listNames, answer.language);
      const [title, text] =
        answer.outcome === 'confirmed'
          ? [t('confirm.confirmedTitle'), t('confirm.confirmedBody', { lists })]
          : [t('confirm.alreadyTitle'), t('confirm.alreadyBody', { lists })];
      return this.pages.render({ language: answer.language, title, body: html`<h1>${title}</h1><p>${text}</p>` });
    } catch (error) {
      if (!(error instanceof HttpException) || error.getStatus() >= 500) throw error;
      res.status(error.getStatus());
      const t = this.pages.t(fallback);
      return this.pages.render({
        language: fallback,
        title: t('confirm.invalidTitle'),
        body: html`<h1>${t('confirm.invalidTitle')}</h1><p>${t('confirm.invalidBody')}</p>`,
      });
    }
  }

  private pageLanguage(network: Network, requested: unknown): Language {
    return isLanguage(requested) && network.languages.includes(requested) ? requested : network.defaultLanguage;
  }

  private async renderNetworkPage(network: Network, language: Language, form: FormState): Promise<string> {
    const t = this.pages.t(language);
    const lists = await this.audience.publicLists(network._id);
    const listInputs = lists
      .map(
        (list) =>
          html`<label><input type="checkbox" name="listIds" value="${list.id}" checked> ${list.names[language] ?? list.names[network.defaultLanguage] ?? Object.values(list.names)[0] ?? ''}</label>`,
      )
      .join('\n');
    const emailError = form.errors?.email;
    return this.pages.render({
      language,
      title: network.name,
      body: html`${raw(this.pages.languageLinks(network.languages, (l) => `/networks/${network.slug}?lang=${l}`))}
<h1>${network.name}</h1>
<p>${network.description}</p>
<h2>${t('subscribe.heading')}</h2>
${raw(emailError ? html`<div role="alert"><p class="error">${t('subscribe.errorSummary')}</p></div>` : '')}
<form method="post" action="/networks/${network.slug}/subscribe" novalidate>
<input type="hidden" name="language" value="${language}">
<label for="email">${t('subscribe.email')}</label>
${raw(emailError ? html`<p id="email-error" class="error">${emailError}</p>` : '')}
<input id="email" name="email" type="email" autocomplete="email" required value="${form.email ?? ''}"${raw(emailError ? ' aria-invalid="true" aria-describedby="email-error"' : '')}>
<label for="name">${t('subscribe.name')}</label>
<input id="name" name="name" type="text" autocomplete="name" value="${form.name ?? ''}">
<fieldset><legend>${t('subscribe.heading')}</legend>${raw(listInputs)}</fieldset>
<button type="submit">${t('subscribe.submit')}</button>
</form>`,
    });
  }
}
