import busboy from 'busboy';
import type { Request } from 'express';

/** Far more than `List-Unsubscribe=One-Click` needs; anything larger is not a one-click request. */
const MAX_BODY_BYTES = 4_096;

/**
 * The `List-Unsubscribe` field of a one-click POST. RFC 8058 §3.1 says the body SHOULD be multipart/form-data and
 * MAY be application/x-www-form-urlencoded (what most mailbox providers send). The urlencoded body is already
 * parsed by the app's body parser; multipart is read here with busboy, within a small size limit.
 */
export async function oneClickField(req: Request, field: string): Promise<string | undefined> {
  if (req.is('application/x-www-form-urlencoded')) {
    const body: unknown = req.body;
    const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
    return typeof value === 'string' ? value : undefined;
  }
  if (!req.is('multipart/form-data')) return undefined;
  return new Promise((resolve) => {
    let value: string | undefined;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fieldSize: MAX_BODY_BYTES, fields: 10, files: 0, parts: 10 } });
    } catch {
      resolve(undefined);
      return;
    }
    parser.on('field', (name, text) => {
      if (name === field && value === undefined) value = text;
    });
    parser.on('close', () => resolve(value));
    parser.on('error', () => resolve(undefined));
    req.pipe(parser);
  });
}
