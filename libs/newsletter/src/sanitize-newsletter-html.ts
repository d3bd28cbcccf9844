import sanitizeHtml, { IOptions } from 'sanitize-html';
import { NEWSLETTER_PLACEHOLDERS } from '@hub/contracts';
import { absoluteUrl } from './absolute-url';

const LINK_PROTOCOLS = ['https:', 'http:', 'mailto:', 'tel:'];
/** Images only over https: mail clients block or warn on plain http, and data: URIs bloat every one of the copies. */
const IMAGE_PROTOCOLS = ['https:'];
/** A coordinator may link the recipient's own unsubscribe or preferences page in the body; delivery fills them in. */
const PLACEHOLDER_URLS: ReadonlySet<string> = new Set(Object.values(NEWSLETTER_PLACEHOLDERS));

function linkHref(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  return PLACEHOLDER_URLS.has(raw.trim()) ? raw.trim() : (absoluteUrl(raw, LINK_PROTOCOLS) ?? undefined);
}

function imageSrc(raw: string | undefined): string | undefined {
  return raw === undefined ? undefined : (absoluteUrl(raw, IMAGE_PROTOCOLS) ?? undefined);
}

const OPTIONS: IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'div', 'span',
    'strong', 'b', 'em', 'i', 'u', 's', 'del', 'ins', 'sub', 'sup', 'small', 'mark', 'abbr', 'code', 'pre', 'blockquote',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd',
    'a', 'img', 'figure', 'figcaption',
    'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  ],
  // No class, id or style anywhere: a style attribute can overlay the footer or hide text (and Outlook ran
  // expression()), and a class could borrow the template's own rules, e.g. the hidden preheader's.
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    abbr: ['title'],
    ol: ['start'],
    th: ['colspan', 'rowspan', 'scope', { name: 'align', multiple: false, values: ['left', 'center', 'right'] }],
    td: ['colspan', 'rowspan', { name: 'align', multiple: false, values: ['left', 'center', 'right'] }],
  },
  allowedSchemes: LINK_PROTOCOLS.map((protocol) => protocol.slice(0, -1)),
  allowedSchemesByTag: { img: IMAGE_PROTOCOLS.map((protocol) => protocol.slice(0, -1)) },
  allowProtocolRelative: false,
  // Dropped with everything inside them, not just unwrapped: a form's fields, an SVG's script or a frame's fallback
  // text are not newsletter content.
  nonTextTags: [
    'script', 'style', 'textarea', 'option', 'noscript', 'select', 'button', 'form', 'svg', 'math', 'iframe', 'frame',
    'frameset', 'noframes', 'object', 'embed', 'applet', 'template', 'title', 'head', 'xmp', 'plaintext',
  ],
  transformTags: {
    a: (tagName, attribs) => {
      const { href: rawHref, ...rest } = attribs;
      const href = linkHref(rawHref);
      return { tagName, attribs: href ? { ...rest, href, target: '_blank', rel: 'noopener noreferrer' } : rest };
    },
    img: (tagName, attribs) => {
      const { src: rawSrc, ...rest } = attribs;
      const src = imageSrc(rawSrc);
      return { tagName, attribs: src ? { ...rest, src } : rest };
    },
  },
  // An image whose source was refused would show as a broken frame.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/**
 * Newsletter-safe HTML from untrusted HTML (a rendered Markdown body, a campaign or event description): headings,
 * paragraphs, emphasis, lists, tables, blockquotes, links (http(s), mailto, tel, the unsubscribe and preferences
 * placeholders) and https images survive; scripts, event handlers, styles, forms, frames, embedded objects, SVG,
 * comments and every other URL scheme do not.
 */
export function sanitizeNewsletterHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
