import escapeHtml from 'escape-html';

/** A tagged template that escapes every value; nest already-built HTML with `raw()`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, part, index) => {
    if (index === 0) return part;
    const value = values[index - 1];
    const rendered = value instanceof RawHtml ? value.html : escapeHtml(String(value ?? ''));
    return `${out}${rendered}${part}`;
  }, '');
}

export class RawHtml {
  constructor(readonly html: string) {}
}

export function raw(markup: string): RawHtml {
  return new RawHtml(markup);
}
