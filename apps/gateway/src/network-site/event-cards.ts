import type { Language, PublicNetworkEventView } from '@hub/contracts';
import { html, raw } from '../pages/page.renderer';
import { inLanguage, SitePages } from './site-pages.translator';

/** Upcoming first; events already over are left out. */
export function upcoming(events: PublicNetworkEventView[], now = new Date()): PublicNetworkEventView[] {
  return events.filter((event) => new Date(event.endsAt) > now).sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** Events as a list of cards, each titled with a link to its page; `level` keeps the page's heading order. */
export function eventCards(site: SitePages, events: PublicNetworkEventView[], slug: string, language: Language, fallback: Language, level: 2 | 3): string {
  const t = site.t(language);
  const items = events
    .map((event) => {
      const title = inLanguage(event.title, language, fallback);
      const href = `/networks/${encodeURIComponent(slug)}/events/${encodeURIComponent(event.id)}?lang=${language}`;
      const heading = html`<a href="${href}"${raw(title.lang === language ? '' : html` lang="${title.lang}"`)}>${title.text}</a>`;
      return html`<li class="card">${raw(`<h${level}>${heading}</h${level}>`)}
<p class="meta">${t(`events.kind.${event.kind}`)} · <time datetime="${event.startsAt}">${site.when(event, language)}</time></p>
<p class="meta">${site.where(event, language)} · ${site.availability(event, language).text}</p></li>`;
    })
    .join('\n');
  return html`<ul class="cards">${raw(items)}</ul>`;
}
