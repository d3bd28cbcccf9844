import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { TFunction } from 'i18next';
import { LANGUAGES, type Language } from '@hub/contracts';
import { createTranslator } from '@hub/i18n';
import { LOCALE_OF } from '@hub/mail';
import { AuthService } from '../auth/auth.service';
import { CSRF_FORM_FIELD } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { hasAtLeast, type Role } from '../auth/role';
import { CoordinatorAccountRepository } from '../coordinators/coordinator-account.repository';
import { NetworkRepository } from '../networks/network.repository';
import type { Network } from '../networks/network.schema';
import { NetworksService } from '../networks/networks.service';
import { button, hiddenFields, notice, selectField } from '../pages/page-components';
import { html, isLanguage, PageRenderer, raw } from '../pages/page.renderer';
import { CONSOLE_CATALOG } from './console.catalog';

/** Remembers the console language a coordinator picked, so every link need not carry `?lang=`. */
const LANGUAGE_COOKIE = 'hub_console_lang';
const YEAR_MS = 365 * 24 * 3_600_000;

export type ConsoleArea = 'home' | 'events' | 'contacts' | 'newsletters' | 'delivery' | 'settings';

const AREAS: Array<{ area: ConsoleArea; href: string; label: string }> = [
  { area: 'home', href: '/console', label: 'nav.home' },
  { area: 'events', href: '/console/events', label: 'nav.events' },
  { area: 'contacts', href: '/console/lists', label: 'nav.contacts' },
  { area: 'newsletters', href: '/console/newsletters', label: 'nav.newsletters' },
  { area: 'delivery', href: '/console/delivery', label: 'nav.delivery' },
  { area: 'settings', href: '/console/settings', label: 'nav.settings' },
];

/** What every signed-in console page knows: who, where, in which language, and the token its forms carry. */
export interface ConsoleContext {
  principal: Principal;
  language: Language;
  t: TFunction;
  network: Network;
  csrfToken: string;
  /** The current path and query, for the language switcher. */
  path: string;
  can(role: Role): boolean;
}

/**
 * The console's frame and words on top of the public pages' layout and components (one design system): the
 * console's language, its navigation, the network switcher and sign-out, the CSRF field of every form, and dates
 * and numbers in the coordinator's locale and the network's zone.
 */
@Injectable()
export class ConsolePages {
  private readonly translator = createTranslator(CONSOLE_CATALOG);

  constructor(
    private readonly pages: PageRenderer,
    private readonly auth: AuthService,
    private readonly networks: NetworksService,
    private readonly networkRepository: NetworkRepository,
    private readonly accounts: CoordinatorAccountRepository,
  ) {}

  t(language: Language): TFunction {
    return this.translator.getFixedT(language);
  }

  /** `?lang=` (remembered in a cookie), else the remembered one, else the browser's first offered language, else English. */
  language(req: Request, res?: Response): Language {
    const asked = req.query.lang;
    if (isLanguage(asked)) {
      res?.cookie(LANGUAGE_COOKIE, asked, { httpOnly: true, sameSite: 'lax', path: '/console', maxAge: YEAR_MS });
      return asked;
    }
    const remembered = (req.cookies as Record<string, string> | undefined)?.[LANGUAGE_COOKIE];
    if (isLanguage(remembered)) return remembered;
    const accepted = req.acceptsLanguages([...LANGUAGES, 'no']);
    if (accepted === 'no') return 'nb';
    return isLanguage(accepted) ? accepted : 'en';
  }

  async context(principal: Principal, req: Request, res: Response): Promise<ConsoleContext> {
    const language = this.language(req, res);
    const [network, csrfToken] = await Promise.all([this.networks.byId(principal.networkId), this.auth.csrfToken(principal)]);
    return {
      principal,
      language,
      t: this.t(language),
      network,
      csrfToken: csrfToken ?? '',
      path: req.originalUrl,
      can: (role) => hasAtLeast(principal.role, role),
    };
  }

  /** The hidden field that lets the auth guard accept a form post (see CSRF_FORM_FIELD). */
  csrf(context: ConsoleContext): string {
    return hiddenFields({ [CSRF_FORM_FIELD]: context.csrfToken });
  }

  /** A signed-in page: navigation, who and where, network switcher and sign-out, then the page's own body. */
  async render(context: ConsoleContext, area: ConsoleArea, title: string, body: string): Promise<string> {
    const { t, principal, network } = context;
    const links = AREAS.map(
      (item) => html`<li><a href="${item.href}"${raw(item.area === area ? ' aria-current="page"' : '')}>${t(item.label)}</a></li>`,
    ).join('');
    const switcher = await this.networkSwitcher(context);
    const who = principal.kind === 'coordinator' ? principal.email : principal.name;
    return this.pages.render({
      language: context.language,
      title,
      alternates: { languages: LANGUAGES, href: (language) => withLanguage(context.path, language) },
      body: html`<nav class="console-nav" aria-label="${t('nav.label')}"><ul>${raw(links)}</ul></nav>
<div class="console-bar">
<p class="meta">${t('nav.signedInAs', { email: who, role: t(`roles.${principal.role}`), network: network.name })}</p>
${raw(switcher)}
<form method="post" action="/console/sign-out" class="console-bar__form">${raw(this.csrf(context))}${raw(button(t('nav.signOut'), { variant: 'secondary' }))}</form>
</div>
${raw(body)}`,
    });
  }

  /** A page outside the signed-in frame: sign-in and the error pages of someone not (or no longer) signed in. */
  renderPlain(language: Language, title: string, body: string, path: string): string {
    return this.pages.render({ language, title, body, alternates: { languages: LANGUAGES, href: (other) => withLanguage(path, other) } });
  }

  /** The `?done=` outcome of the change that redirected here (post, redirect, get), as a polite status message. */
  outcome(message: string | undefined): string {
    return message ? notice('success', message) : '';
  }

  /** In the reader's locale and the network's zone, unless a zone of its own is given (an event's). */
  dateTime(context: ConsoleContext, value: Date | string | null | undefined, timeZone = context.network.timeZone): string {
    if (!value) return '';
    return new Intl.DateTimeFormat(LOCALE_OF[context.language], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(value));
  }

  number(context: ConsoleContext, value: number): string {
    return new Intl.NumberFormat(LOCALE_OF[context.language]).format(value);
  }

  /** A language's name in that language, as the public pages' catalogue has it. */
  languageName(language: Language): string {
    return this.pages.t(language)('languageName');
  }

  private async networkSwitcher(context: ConsoleContext): Promise<string> {
    if (context.principal.kind !== 'coordinator') return '';
    const account = await this.accounts.findById(context.principal.accountId);
    const ids = Object.keys(account?.roles ?? {});
    if (ids.length < 2) return '';
    const networks = (await this.networkRepository.findByIds(ids)).sort((a, b) => a.name.localeCompare(b.name, LOCALE_OF[context.language]));
    const { t } = context;
    return html`<form method="post" action="/console/network" class="console-bar__form">${raw(this.csrf(context))}
${raw(selectField({ name: 'networkId', id: 'switch-network', label: t('nav.network'), value: context.network._id, options: networks.map((n) => ({ value: n._id, label: n.name })) }))}
${raw(button(t('nav.switch'), { variant: 'secondary' }))}</form>`;
  }
}

/** The same path and query with `lang` set to the given language. */
export function withLanguage(path: string, language: Language): string {
  const url = new URL(path, 'http://console.invalid');
  url.searchParams.set('lang', language);
  return `${url.pathname}${url.search}`;
}
