/**
 * The URL as it will be written, or null when it is not absolute with one of `protocols` (e.g. `'https:'`). WHATWG
 * parsing strips the tabs, newlines and case tricks (`jav&#x09;ascript:`, `JAVASCRIPT:`) the way browsers do, so what
 * is checked is what a client would follow; relative and protocol-relative URLs mean nothing in an inbox.
 */
export function absoluteUrl(raw: string, protocols: readonly string[]): string | null {
  try {
    const url = new URL(raw.trim());
    return protocols.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}
