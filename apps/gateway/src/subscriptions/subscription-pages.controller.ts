import { Body, Controller, Get, Header, HttpCode, HttpException, Ip, Logger, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { LANGUAGES, type Language, type PublicNetworkEventView } from '@hub/contracts';
import { formatList } from '@hub/mail';
import { AudienceClient } from '../audience/audience.client';
import { Public } from '../auth/auth.decorators';
import { SignUpRateLimited } from '../security/rate-limits';
import { Network } from '../networks/network.schema';
import { NetworksService } from '../networks/networks.service';
import { eventCards, upcoming } from '../network-site/event-cards';
import { inLanguage, pageLanguage, SitePages } from '../network-site/site-pages.translator';
import { button, choiceGroup, errorSummary, hiddenFields, textField } from '../pages/page-components';
import { html, isLanguage, PageRenderer, raw } from '../pages/page.renderer';
import { SchedulingClient } from '../scheduling/scheduling.client';
import { subscribeFormSchema } from './public-subscribe.dto';
import { FORM_STAMP_FIELD, HONEYPOT_FIELD, SignUpBotTrap } from './sign-up-bot-trap';
import { SubscriptionsService } from './subscriptions.service';
import { PageNotFoundFilter } from '../pages/page-not-found.filter';

const HTML = 'text/html; charset=utf-8';

/** What the embed script gets back: the message to show, in the form's language. */
type EmbeddedSubscribeAnswer = { status: 'accepted'; message: string } | { status: 'invalid'; fields: Array<{ field: string; message: string }> };

interface FormState {
  email?: string;
  name?: string;
  errors?: { email?: string };
}

/** The network's public page with its sign-up form, and the pages of the double opt-in; all work without JavaScript. */
@Public()
@ApiExcludeController()
@UseFilters(PageNotFoundFilter)
@Controller()
export class SubscriptionPagesController {
  private readonly logger = new Logger(SubscriptionPagesController.name);

  constructor(
    private readonly networks: NetworksService,
    private readonly subscriptions: SubscriptionsService,
    private readonly audience: AudienceClient,
    private readonly pages: PageRenderer,
    private readonly botTrap: SignUpBotTrap,
    private readonly scheduling: SchedulingClient,
    private readonly site: SitePages,
  ) {}

  @Get()
  @Header('content-type', HTML)
  async home(@Query('lang') lang?: string): Promise<string> {
    const language: Language = isLanguage(lang) ? lang : 'en';
    const t = this.pages.t(language);
    const networks = await this.networks.listPublic();
    const items = networks
      .map((n) => html`<li class="card"><h2><a href="/networks/${n.slug}">${n.name}</a></h2> <p lang="${n.defaultLanguage}">${n.description}</p></li>`)
      .join('\n');
    return this.pages.render({
      language,
      title: t('home.title'),
      alternates: { languages: LANGUAGES, href: (l) => `/?lang=${l}` },
      body: html`<h1>${t('home.title')}</h1><p class="lead">${t('home.intro')}</p><ul class="cards">${raw(items)}</ul>`,
    });
  }

  @Get('networks/:slug')
  @Header('content-type', HTML)
  async networkPage(@Param('slug') slug: string, @Query('lang') lang?: string): Promise<string> {
    const network = await this.networks.publicBySlug(slug);
    return this.renderNetworkPage(network, pageLanguage(network, lang), {});
  }

  @Post('networks/:slug/subscribe')
  @SignUpRateLimited()
  @HttpCode(200)
  @Header('content-type', HTML)
  async subscribeForm(
    @Param('slug') slug: string,
    @Body() body: Record<string, unknown>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Ip() ip: string,
  ): Promise<string | EmbeddedSubscribeAnswer> {
    const network = await this.networks.publicBySlug(slug);
    const language = pageLanguage(network, body.language);
    const parsed = subscribeFormSchema.safeParse({ ...body, language });
    const t = this.pages.t(language);
    // The embed script (see SubscribeEmbedController) asks for JSON to show the outcome inline on the network's own site.
    const embedded = req.accepts(['html', 'json']) === 'json';
    if (embedded) {
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.setHeader('vary', 'Accept');
    }
    if (!parsed.success) {
      res.status(400);
      if (embedded) return { status: 'invalid', fields: [{ field: 'email', message: t('subscribe.invalidEmail') }] };
      return this.renderNetworkPage(network, language, {
        email: typeof body.email === 'string' ? body.email : '',
        name: typeof body.name === 'string' ? body.name : '',
        errors: { email: t('subscribe.invalidEmail') },
      });
    }
    await this.subscriptions.subscribe(network, parsed.data, { method: 'form', wordingId: 'subscribe-form/v1', ip });
    if (embedded) return { status: 'accepted', message: `${t('subscribe.sentTitle')}. ${t('subscribe.sentBody')}` };
    return this.pages.render({
      language,
      network,
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
${raw(hiddenFields({ token, lang: language }))}
${raw(button(t('confirm.button')))}
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

  /**
   * The network's landing page: what it is, its upcoming events, the sign-up form and the archive. The events come
   * from scheduling; when it cannot answer, the page still offers the sign-up and says the events are missing.
   */
  private async renderNetworkPage(network: Network, language: Language, form: FormState): Promise<string> {
    const t = this.pages.t(language);
    const s = this.site.t(language);
    const [lists, events] = await Promise.all([this.audience.publicLists(network._id), this.upcomingEvents(network)]);
    const emailError = form.errors?.email;
    const listChoices = choiceGroup({
      name: 'listIds',
      id: 'lists',
      type: 'checkbox',
      label: s('landing.listsLegend'),
      options: lists.map((list) => {
        const name = inLanguage(list.names, language, network.defaultLanguage);
        return { value: list.id, label: name.text, lang: name.lang === language ? undefined : name.lang, checked: true };
      }),
    });
    const eventsSection =
      events === null
        ? html`<p>${s('landing.eventsUnavailable')}</p>`
        : events.length === 0
          ? html`<p>${s('landing.noUpcoming')}</p>`
          : eventCards(this.site, events.slice(0, 5), network.slug, language, network.defaultLanguage, 3);
    return this.pages.render({
      language,
      network,
      title: network.name,
      alternates: { languages: network.languages, href: (l) => `/networks/${network.slug}?lang=${l}` },
      body: html`<h1>${network.name}</h1>
<p class="lead"${raw(network.defaultLanguage === language ? '' : html` lang="${network.defaultLanguage}"`)}>${network.description}</p>
<h2>${s('landing.upcomingHeading')}</h2>
${raw(eventsSection)}
<p><a href="/networks/${network.slug}/events?lang=${language}">${s('landing.allEvents')}</a> · <a href="/api/v1/networks/${network.slug}/calendar.ics?lang=${language}">${s('landing.calendarFeed')}</a></p>
<h2 id="subscribe">${t('subscribe.heading')}</h2>
${raw(errorSummary(t('subscribe.errorSummary'), { email: emailError }))}
<form method="post" action="/networks/${network.slug}/subscribe" novalidate>
${raw(hiddenFields({ language }))}
${raw(textField({ name: 'email', type: 'email', label: t('subscribe.email'), value: form.email, autocomplete: 'email', required: true, error: emailError }))}
${raw(textField({ name: 'name', label: t('subscribe.name'), value: form.name, autocomplete: 'name', maxlength: 200 }))}
${raw(listChoices)}
<div class="hp" aria-hidden="true"><label for="${HONEYPOT_FIELD}">${t('subscribe.honeypot')}</label><input id="${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" type="text" tabindex="-1" autocomplete="off" value=""></div>
<input type="hidden" name="${FORM_STAMP_FIELD}" value="${this.botTrap.stamp()}">
${raw(button(t('subscribe.submit')))}
</form>
<h2>${s('landing.archiveHeading')}</h2>
<p><a href="/networks/${network.slug}/newsletters?lang=${language}">${s('landing.archiveLink')}</a></p>`,
    });
  }

  /** Null when scheduling cannot answer: the sign-up must not depend on it. */
  private async upcomingEvents(network: Network): Promise<PublicNetworkEventView[] | null> {
    try {
      return upcoming(await this.scheduling.publicEvents(network._id));
    } catch (error) {
      this.logger.warn(`landing page of ${network.slug} without events: ${(error as Error).message}`);
      return null;
    }
  }
}
