import { html, raw, RawHtml } from './page-html';

/**
 * The form and content pieces every server-rendered page is built from (public pages and, later, the console).
 * Each returns escaped HTML. Fields carry their own error next to them, linked with aria-describedby and marked
 * aria-invalid, and always render the value the person typed, so a rejected form loses nothing. Forms are sent with
 * `novalidate`: the server's messages are in the page's language, the browser's would be in the browser's.
 */

/** Field id → message, in the page's language. */
export type FieldErrors = Partial<Record<string, string>>;

interface FieldBase {
  name: string;
  label: string;
  /** Defaults to the name; must be unique on the page. */
  id?: string;
  hint?: string;
  error?: string;
  required?: boolean;
}

function describedBy(id: string, hint?: string, error?: string): { ids: string; parts: string } {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const parts = html`${raw(hint ? html`<p id="${id}-hint" class="hint">${hint}</p>` : '')}${raw(error ? html`<p id="${id}-error" class="field-error">${error}</p>` : '')}`;
  return { ids, parts };
}

function invalidAttributes(ids: string, error?: string): RawHtml {
  return raw(`${ids ? html` aria-describedby="${ids}"` : ''}${error ? ' aria-invalid="true"' : ''}`);
}

export interface TextFieldOptions extends FieldBase {
  type?: 'text' | 'email' | 'password' | 'search' | 'url' | 'tel' | 'number' | 'datetime-local';
  value?: string;
  autocomplete?: string;
  maxlength?: number;
}

export function textField(options: TextFieldOptions): string {
  const id = options.id ?? options.name;
  const { ids, parts } = describedBy(id, options.hint, options.error);
  const extra = raw(
    [
      options.autocomplete ? html` autocomplete="${options.autocomplete}"` : '',
      options.maxlength ? html` maxlength="${options.maxlength}"` : '',
      options.required ? ' required' : '',
    ].join(''),
  );
  return html`<div class="field"><label for="${id}">${options.label}</label>${raw(parts)}
<input id="${id}" name="${options.name}" type="${options.type ?? 'text'}" value="${options.value ?? ''}"${extra}${invalidAttributes(ids, options.error)}></div>`;
}

export interface FileFieldOptions extends FieldBase {
  /** File types offered in the browser's picker, e.g. ".csv,text/csv"; the server checks the content anyway. */
  accept?: string;
}

/** A file picker. Browsers never refill one, so a rejected form's hint should ask for the file again. */
export function fileField(options: FileFieldOptions): string {
  const id = options.id ?? options.name;
  const { ids, parts } = describedBy(id, options.hint, options.error);
  const extra = raw(`${options.accept ? html` accept="${options.accept}"` : ''}${options.required ? ' required' : ''}`);
  return html`<div class="field"><label for="${id}">${options.label}</label>${raw(parts)}
<input id="${id}" name="${options.name}" type="file"${extra}${invalidAttributes(ids, options.error)}></div>`;
}

export interface TextAreaOptions extends FieldBase {
  value?: string;
  maxlength?: number;
}

export function textArea(options: TextAreaOptions): string {
  const id = options.id ?? options.name;
  const { ids, parts } = describedBy(id, options.hint, options.error);
  const extra = raw(`${options.maxlength ? html` maxlength="${options.maxlength}"` : ''}${options.required ? ' required' : ''}`);
  return html`<div class="field"><label for="${id}">${options.label}</label>${raw(parts)}
<textarea id="${id}" name="${options.name}"${extra}${invalidAttributes(ids, options.error)}>${options.value ?? ''}</textarea></div>`;
}

export interface Option {
  value: string;
  label: string;
  /** The option's own language, when it differs from the page's (a language's name in that language). */
  lang?: string;
}

export interface SelectOptions extends FieldBase {
  options: Option[];
  value?: string;
  autocomplete?: string;
}

export function selectField(options: SelectOptions): string {
  const id = options.id ?? options.name;
  const { ids, parts } = describedBy(id, options.hint, options.error);
  const items = options.options
    .map((option) => html`<option value="${option.value}"${raw(option.lang ? html` lang="${option.lang}"` : '')}${raw(option.value === options.value ? ' selected' : '')}>${option.label}</option>`)
    .join('');
  const extra = raw(`${options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ''}${options.required ? ' required' : ''}`);
  return html`<div class="field"><label for="${id}">${options.label}</label>${raw(parts)}
<select id="${id}" name="${options.name}"${extra}${invalidAttributes(ids, options.error)}>${raw(items)}</select></div>`;
}

export interface ChoiceGroupOptions extends FieldBase {
  type: 'checkbox' | 'radio';
  options: Array<Option & { checked?: boolean }>;
}

/** A fieldset of checkboxes or radio buttons; the legend is the question, the error sits under it. */
export function choiceGroup(options: ChoiceGroupOptions): string {
  const id = options.id ?? options.name;
  const { ids, parts } = describedBy(id, options.hint, options.error);
  const items = options.options
    .map((option, index) => {
      const optionId = `${id}-${index + 1}`;
      return html`<div class="choice"><input id="${optionId}" type="${options.type}" name="${options.name}" value="${option.value}"${raw(option.checked ? ' checked' : '')}${raw(options.error ? ' aria-invalid="true"' : '')}><label for="${optionId}"${raw(option.lang ? html` lang="${option.lang}"` : '')}>${option.label}</label></div>`;
    })
    .join('\n');
  return html`<fieldset class="field" id="${id}"${raw(ids ? html` aria-describedby="${ids}"` : '')}><legend>${options.label}</legend>${raw(parts)}
${raw(items)}</fieldset>`;
}

export interface CheckboxOptions extends FieldBase {
  value?: string;
  checked?: boolean;
}

/** One checkbox that stands alone (consent, "yes"): label beside the box, error above it. */
export function checkboxField(options: CheckboxOptions): string {
  const id = options.id ?? options.name;
  const { ids, parts } = describedBy(id, options.hint, options.error);
  return html`<div class="field">${raw(parts)}<div class="choice"><input id="${id}" type="checkbox" name="${options.name}" value="${options.value ?? 'true'}"${raw(options.checked ? ' checked' : '')}${raw(options.required ? ' required' : '')}${invalidAttributes(ids, options.error)}><label for="${id}">${options.label}</label></div></div>`;
}

export function hiddenFields(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)
    .join('');
}

/** A submit button; `formaction` sends its form to another path, so one form can offer several actions on the same fields. */
export function button(label: string, options: { variant?: 'primary' | 'secondary'; name?: string; value?: string; formaction?: string } = {}): string {
  const named = options.name ? html` name="${options.name}" value="${options.value ?? ''}"` : '';
  const action = options.formaction ? html` formaction="${options.formaction}"` : '';
  return html`<button type="submit" class="button${options.variant === 'secondary' ? ' button--secondary' : ''}"${raw(named)}${raw(action)}>${label}</button>`;
}

/** A link that looks like a button, for actions that are navigations. */
export function linkButton(label: string, href: string, variant: 'primary' | 'secondary' = 'primary'): string {
  return html`<a class="button${variant === 'secondary' ? ' button--secondary' : ''}" href="${href}">${label}</a>`;
}

/**
 * A message about the page's outcome. `success` and `info` are announced politely (role=status), `error` at once
 * (role=alert).
 */
export function notice(kind: 'info' | 'success' | 'error', content: string | RawHtml): string {
  const role = kind === 'error' ? 'alert' : 'status';
  const body = content instanceof RawHtml ? content : raw(html`<p>${content}</p>`);
  return html`<div class="notice notice--${kind}" role="${role}">${body}</div>`;
}

/**
 * The list of a rejected form's errors at its top, each linking to its field, focused on load so keyboard and screen
 * reader users land on it; the same messages also stand next to their fields.
 */
export function errorSummary(title: string, errors: FieldErrors): string {
  const items = Object.entries(errors)
    .filter((entry): entry is [string, string] => Boolean(entry[1]))
    .map(([id, message]) => html`<li><a href="#${id}">${message}</a></li>`)
    .join('');
  if (!items) return '';
  return html`<div class="error-summary" role="alert" tabindex="-1" autofocus><h2>${title}</h2><ul>${raw(items)}</ul></div>`;
}

/** Label–value pairs (when, where, organiser …). */
export function facts(pairs: Array<[string, string | RawHtml]>): string {
  return html`<dl class="facts">${raw(pairs.map(([term, value]) => html`<dt>${term}</dt><dd>${value}</dd>`).join(''))}</dl>`;
}

/** Plain text with blank-line paragraphs (event descriptions), escaped. */
export function paragraphs(text: string, lang?: string): string {
  const langAttribute = raw(lang ? html` lang="${lang}"` : '');
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => html`<p${langAttribute}>${paragraph}</p>`)
    .join('\n');
}
