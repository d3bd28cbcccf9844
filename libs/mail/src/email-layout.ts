import escapeHtml from 'escape-html';
import type { Language } from '@hub/contracts';

export interface EmailBlock {
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  finePrint: string[];
}

/**
 * One layout for every transactional email: a single-column table (what email clients render reliably), inline
 * styles, and a plain-text twin with the same words. Every value is escaped here, so templates pass plain text.
 */
export function renderLayout(language: Language, block: EmailBlock): { html: string; text: string } {
  const e = escapeHtml;
  const action = block.action
    ? `<tr><td style="padding:8px 24px 16px"><a href="${e(block.action.url)}" style="display:inline-block;background:#1f5f3f;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:bold">${e(block.action.label)}</a></td></tr>`
    : '';
  const html = `<!doctype html>
<html lang="${e(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${e(block.heading)}</title></head>
<body style="margin:0;padding:0;background:#f4f4f1">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f1"><tr><td align="center" style="padding:24px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;color:#1b1b1b;line-height:1.5">
<tr><td style="padding:24px 24px 0"><h1 style="font-size:22px;margin:0 0 12px">${e(block.heading)}</h1></td></tr>
${block.paragraphs.map((p) => `<tr><td style="padding:0 24px"><p style="margin:0 0 12px">${e(p)}</p></td></tr>`).join('\n')}
${action}
${block.finePrint.map((p) => `<tr><td style="padding:0 24px"><p style="margin:0 0 8px;font-size:13px;color:#555555">${e(p)}</p></td></tr>`).join('\n')}
<tr><td style="padding:0 0 16px"></td></tr>
</table></td></tr></table>
</body></html>`;
  const text = [
    block.heading,
    '',
    ...block.paragraphs.flatMap((p) => [p, '']),
    ...(block.action ? [`${block.action.label}: ${block.action.url}`, ''] : []),
    ...block.finePrint,
  ].join('\n');
  return { html, text };
}
