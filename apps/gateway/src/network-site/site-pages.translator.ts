import { Injectable } from '@nestjs/common';
import type { TFunction } from 'i18next';
import type { Language, PublicNetworkEventView } from '@hub/contracts';
import { createTranslator } from '@hub/i18n';
import { LOCALE_OF } from '@hub/mail';
import type { Network } from '../networks/network.schema';
import { isLanguage } from '../pages/page.renderer';
import { SITE_PAGES_CATALOG } from './site-pages.catalog';

/** The language asked for when the network offers it, else the network's own. */
export function pageLanguage(network: Network, requested: unknown): Language {
  return isLanguage(requested) && network.languages.includes(requested) ? requested : network.defaultLanguage;
}

/** Text per language as events and lists carry it: the page's language, else the network's, else any. */
export function inLanguage(texts: Partial<Record<Language, string>>, language: Language, fallback: Language): { text: string; lang: Language } {
  for (const candidate of [language, fallback]) {
    const text = texts[candidate];
    if (text) return { text, lang: candidate };
  }
  const [first] = Object.entries(texts) as Array<[Language, string]>;
  return first ? { text: first[1], lang: first[0] } : { text: '', lang: language };
}

/** The words of the network's site and how it shows an event's time, place and availability. */
@Injectable()
export class SitePages {
  private readonly translator = createTranslator(SITE_PAGES_CATALOG);

  t(language: Language): TFunction {
    return this.translator.getFixedT(language);
  }

  /** The event's span in the reader's words, in the event's own zone, which it names. */
  when(event: Pick<PublicNetworkEventView, 'startsAt' | 'endsAt' | 'timeZone'>, language: Language): string {
    const format = new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: 'full', timeStyle: 'short', timeZone: event.timeZone });
    return `${format.formatRange(new Date(event.startsAt), new Date(event.endsAt))} (${event.timeZone})`;
  }

  where(event: Pick<PublicNetworkEventView, 'venue'>, language: Language): string {
    return event.venue ? [event.venue.name, event.venue.address, event.venue.city].filter(Boolean).join(', ') : this.t(language)('events.online');
  }

  /** Whether a registration is taken now, and what a new one would become. */
  availability(event: PublicNetworkEventView, language: Language, now = new Date()): { open: boolean; text: string } {
    const t = this.t(language);
    if (event.status === 'cancelled') return { open: false, text: t('events.cancelled') };
    if (event.registrationOpensAt && now < new Date(event.registrationOpensAt)) {
      const date = new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: 'long', timeStyle: 'short', timeZone: event.timeZone }).format(new Date(event.registrationOpensAt));
      return { open: false, text: t('events.notOpen', { date }) };
    }
    if (event.status !== 'published' || now >= new Date(event.registrationClosesAt ?? event.endsAt)) return { open: false, text: t('events.closed') };
    return { open: true, text: event.seatsLeft > 0 ? t('events.seatsLeft', { places: event.seatsLeft }) : t('events.full') };
  }
}
