import escapeHtml from 'escape-html';
import { Language, NEWSLETTER_PLACEHOLDERS } from '@hub/contracts';
import { readableAccent } from './accent-color';

/** Near-black on near-white and the reverse: pure #000/#fff glare, and some clients invert them unasked. */
const LIGHT = { page: '#f2f2ee', card: '#fcfcfa', text: '#1d1d1b', muted: '#595954', rule: '#deded8', code: '#ecece7' };
const DARK = { page: '#141414', card: '#1f1f1d', text: '#e7e7e2', muted: '#b2b2ab', rule: '#43433f', code: '#2b2b28' };

/** Enough invisible characters after the preheader that clients do not fill the preview with the body's first words. */
const PREVIEW_PADDING = '&#847;&zwnj;&nbsp;'.repeat(60);

export interface NewsletterTemplateParts {
  language: Language;
  subject: string;
  preheader: string;
  /** Already sanitised. */
  bodyHtml: string;
  accent: string;
  networkName: string;
  logoUrl: string | null;
  senderName: string;
  postalAddress: string;
  archiveUrl: string | null;
  words: { viewInBrowser: string; reason: string; unsubscribe: string; preferences: string };
}

/**
 * Rules juice inlines onto the elements (most clients, Gmail included, keep inline styles best). The dark-mode
 * block stays a <style> (juice keeps media queries) for the clients that honour it; `!important` because it has
 * to beat the inlined light colours.
 */
function stylesheet(accent: string): string {
  const onLight = readableAccent(accent, LIGHT.card, LIGHT.text);
  const onDark = readableAccent(accent, DARK.card, DARK.text);
  return `
body { margin: 0; padding: 0; background-color: ${LIGHT.page}; -webkit-text-size-adjust: 100%; }
.nl-outer { background-color: ${LIGHT.page}; }
.nl-outer-cell { padding: 24px 8px; }
.nl-container { width: 100%; max-width: 600px; background-color: ${LIGHT.card}; color: ${LIGHT.text}; font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.55; }
.nl-accent-bar { background-color: ${accent}; height: 6px; line-height: 6px; font-size: 6px; }
.nl-view-online { padding: 12px 32px 0; font-size: 12px; text-align: right; color: ${LIGHT.muted}; }
.nl-view-online a { color: ${LIGHT.muted}; text-decoration: underline; }
.nl-header { padding: 20px 32px 4px; }
.nl-logo { display: block; height: 48px; width: auto; max-width: 240px; border: 0; }
.nl-network-name { margin: 0; font-size: 20px; font-weight: bold; color: ${onLight}; }
.nl-content { padding: 8px 32px 24px; }
.nl-content h1 { margin: 16px 0 12px; font-size: 26px; line-height: 1.25; color: ${onLight}; }
.nl-content h2 { margin: 24px 0 10px; font-size: 21px; line-height: 1.3; color: ${onLight}; }
.nl-content h3 { margin: 20px 0 8px; font-size: 18px; line-height: 1.3; color: ${onLight}; }
.nl-content h4, .nl-content h5, .nl-content h6 { margin: 16px 0 8px; font-size: 16px; }
.nl-content p { margin: 0 0 16px; }
.nl-content ul, .nl-content ol { margin: 0 0 16px; padding-left: 24px; }
.nl-content li { margin: 0 0 6px; }
.nl-content a { color: ${onLight}; text-decoration: underline; }
.nl-content img { max-width: 100%; height: auto; border: 0; }
.nl-content blockquote { margin: 0 0 16px; padding: 4px 16px; border-left: 4px solid ${accent}; color: ${LIGHT.muted}; }
.nl-content table { width: 100%; margin: 0 0 16px; border-collapse: collapse; }
.nl-content th, .nl-content td { padding: 6px 8px; border: 1px solid ${LIGHT.rule}; vertical-align: top; }
.nl-content pre { margin: 0 0 16px; padding: 12px; white-space: pre-wrap; background-color: ${LIGHT.code}; }
.nl-content code { font-family: Menlo, Consolas, monospace; font-size: 14px; }
.nl-content hr { border: 0; border-top: 1px solid ${LIGHT.rule}; margin: 24px 0; }
.nl-footer { padding: 20px 32px 28px; border-top: 1px solid ${LIGHT.rule}; font-size: 13px; line-height: 1.5; color: ${LIGHT.muted}; }
.nl-footer p { margin: 0 0 10px; }
.nl-footer a { color: ${LIGHT.muted}; text-decoration: underline; }
@media (prefers-color-scheme: dark) {
  body, .nl-outer { background-color: ${DARK.page} !important; }
  .nl-container { background-color: ${DARK.card} !important; color: ${DARK.text} !important; }
  .nl-network-name, .nl-content h1, .nl-content h2, .nl-content h3, .nl-content a { color: ${onDark} !important; }
  .nl-content blockquote, .nl-footer, .nl-footer a, .nl-view-online, .nl-view-online a { color: ${DARK.muted} !important; }
  .nl-content th, .nl-content td, .nl-footer, .nl-content hr { border-color: ${DARK.rule} !important; }
  .nl-content pre { background-color: ${DARK.code} !important; }
}
@media (max-width: 620px) {
  .nl-header, .nl-content, .nl-footer, .nl-view-online { padding-left: 16px !important; padding-right: 16px !important; }
}`;
}

/**
 * The network's newsletter around an already sanitised body: one 600px column of presentation tables (a ghost
 * table fixes the width for Outlook, which ignores max-width), hidden preview text, and the footer the law asks for
 * (sender, postal address, unsubscribe) whose links are delivery's per-recipient placeholders. Every value that is
 * not the body is escaped here. Returns the document before CSS inlining.
 */
export function newsletterDocument(parts: NewsletterTemplateParts): string {
  const e = escapeHtml;
  const viewOnline = parts.archiveUrl
    ? `<tr><td class="nl-view-online"><a href="${e(parts.archiveUrl)}" target="_blank">${e(parts.words.viewInBrowser)}</a></td></tr>`
    : '';
  const header = parts.logoUrl
    ? `<img class="nl-logo" src="${e(parts.logoUrl)}" alt="${e(parts.networkName)}" height="48">`
    : `<p class="nl-network-name">${e(parts.networkName)}</p>`;
  const preheader = parts.preheader
    ? `<div class="nl-preheader" style="display:none;max-height:0;max-width:0;overflow:hidden;opacity:0;mso-hide:all;font-size:1px;line-height:1px">${e(parts.preheader)}${PREVIEW_PADDING}</div>`
    : '';
  const address = parts.postalAddress
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map(e)
    .join('<br>');
  // All six hub languages are written left to right.
  return `<!doctype html>
<html lang="${e(parts.language)}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${e(parts.subject)}</title>
<style>${stylesheet(parts.accent)}</style>
</head>
<body>
${preheader}
<table role="presentation" class="nl-outer" width="100%" cellpadding="0" cellspacing="0" border="0"><tr><td class="nl-outer-cell" align="center">
<!--[if mso]><table role="presentation" width="600" align="center" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
<table role="presentation" class="nl-container" width="600" cellpadding="0" cellspacing="0" border="0">
<tr><td class="nl-accent-bar">&nbsp;</td></tr>
${viewOnline}
<tr><td class="nl-header">${header}</td></tr>
<tr><td class="nl-content">
${parts.bodyHtml}
</td></tr>
<tr><td class="nl-footer">
<p>${e(parts.words.reason)}</p>
<p class="nl-address"><strong>${e(parts.senderName)}</strong><br>${address}</p>
<p><a href="${NEWSLETTER_PLACEHOLDERS.unsubscribeUrl}" target="_blank">${e(parts.words.unsubscribe)}</a> &middot; <a href="${NEWSLETTER_PLACEHOLDERS.preferencesUrl}" target="_blank">${e(parts.words.preferences)}</a></p>
</td></tr>
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr></table>
</body>
</html>`;
}
