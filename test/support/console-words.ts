import type { Language } from '@hub/contracts';
import { CONSOLE_CATALOG } from '../../apps/gateway/src/console/console.catalog';

/** A console catalogue entry by dotted key, with its {{placeholders}} filled: what a coordinator reads on the page. */
export function consoleWord(language: Language, key: string, values: Record<string, string> = {}): string {
  const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], CONSOLE_CATALOG[language]) as string;
  return Object.entries(values).reduce((out, [name, value]) => out.replace(`{{${name}}}`, value), text);
}

/** The JSON body of an API answer that must have the given status (the body is in the error when it has not). */
export async function expectJson<T>(response: Promise<Response>, status = 200): Promise<T> {
  const answer = await response;
  const text = await answer.text();
  if (answer.status !== status) throw new Error(`expected ${status}, got ${answer.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}
