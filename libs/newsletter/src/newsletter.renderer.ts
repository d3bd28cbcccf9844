import { Injectable } from '@nestjs/common';
import { compile } from 'html-to-text';
import type { i18n } from 'i18next';
import juice from 'juice';
import { Marked } from 'marked';
import type { Language, NetworkProfilePayload } from '@hub/contracts';
import { createTranslator } from '@hub/i18n';
import { absoluteUrl } from './absolute-url';
import { normalizeAccentColor } from './accent-color';
import { NEWSLETTER_CATALOG } from './newsletter.catalog';
import { InvalidNewsletterSubjectError, NewsletterSenderIncompleteError } from './newsletter.errors';
import { newsletterDocument } from './newsletter-template';
import { sanitizeNewsletterHtml } from './sanitize-newsletter-html';

export interface NewsletterRenderInput {
  network: NetworkProfilePayload;
  language: Language;
  subject: string;
  preheader: string;
  /** Markdown; inline HTML is allowed and sanitised like the rest. */
  markdown: string;
  /** The page in the public archive, linked as "view in browser"; null when it has none. */
  archiveUrl: string | null;
}

/** One language of an issue, identical for every recipient but for the NEWSLETTER_PLACEHOLDERS delivery fills in. */
export interface RenderedNewsletter {
  subject: string;
  html: string;
  text: string;
}

/** Line breaks and other control characters, with the blanks around them. */
const CONTROL_RUN = /\s*[\u0000-\u001f\u007f-\u009f\u2028\u2029]+\s*/g;

/**
 * The subject on one line: CR/LF (header injection), tabs and other control characters become a single space.
 * Normalised rather than refused, because this runs when a send starts, long after the text was typed; campaigns can
 * call it when saving so the coordinator sees exactly what goes out. Throws when nothing is left.
 */
export function normalizeNewsletterSubject(subject: string): string {
  const line = subject.replace(CONTROL_RUN, ' ').trim();
  if (!line) throw new InvalidNewsletterSubjectError();
  return line;
}

/**
 * Renders a newsletter issue for one language: Markdown → sanitised HTML → the network's template (logo, accent,
 * footer with sender and postal address, unsubscribe and preference links) with CSS inlined, plus a plain-text part.
 * Done once per language per send, not per recipient. Needs nothing from Nest, so `new NewsletterRenderer()` works
 * outside a module too.
 */
@Injectable()
export class NewsletterRenderer {
  private readonly i18n: i18n = createTranslator(NEWSLETTER_CATALOG);
  private readonly markdown = new Marked({ gfm: true, breaks: false });
  private readonly toText = compile({
    wordwrap: 78,
    selectors: [
      { selector: '.nl-preheader', format: 'skip' },
      { selector: '.nl-logo', format: 'skip' },
      { selector: '.nl-accent-bar', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      // Tables from the body are data; the template's own are layout.
      { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
      { selector: 'table[role=presentation]', format: 'block' },
      ...(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const).map((selector) => ({ selector, options: { uppercase: false } })),
    ],
  });

  render(input: NewsletterRenderInput): RenderedNewsletter {
    const { network, language } = input;
    const postalAddress = network.sender.postalAddress.trim();
    if (!postalAddress) throw new NewsletterSenderIncompleteError();
    const archiveUrl = input.archiveUrl === null ? null : absoluteUrl(input.archiveUrl, ['https:', 'http:']);
    if (input.archiveUrl !== null && !archiveUrl) throw new TypeError(`archiveUrl: not an absolute http(s) URL: ${input.archiveUrl}`);

    const subject = normalizeNewsletterSubject(input.subject);
    const senderName = network.sender.fromName.trim() || network.name;
    const t = this.i18n.getFixedT(language, undefined, 'newsletter');
    const document = newsletterDocument({
      language,
      subject,
      preheader: input.preheader.replace(CONTROL_RUN, ' ').trim(),
      bodyHtml: sanitizeNewsletterHtml(this.markdown.parse(input.markdown, { async: false })),
      accent: normalizeAccentColor(network.branding.accentColor),
      networkName: network.name,
      // A logo that is not https would be blocked or flagged by clients; the network's name stands in for it.
      logoUrl: network.branding.logoUrl ? absoluteUrl(network.branding.logoUrl, ['https:']) : null,
      senderName,
      postalAddress,
      archiveUrl,
      words: {
        viewInBrowser: t('viewInBrowser'),
        reason: t('reason', { sender: senderName }),
        unsubscribe: t('unsubscribe'),
        preferences: t('preferences'),
      },
    });
    const html = juice(document, {
      preserveMediaQueries: true,
      preserveImportant: true,
      removeStyleTags: true,
      // Copying CSS sizes into width/height attributes would write width="auto" and turn the 600px column into 100%.
      applyWidthAttributes: false,
      applyHeightAttributes: false,
    });
    return { subject, html, text: this.toText(document).replace(/[ \t]+$/gm, '').trim() };
  }
}
