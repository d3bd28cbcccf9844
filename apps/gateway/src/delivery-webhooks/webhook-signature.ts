import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-hub-signature';
/** How old a signed call may be: a captured call cannot be replayed later (a replay within it is a duplicate). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, the form senders produce. */
export function signWebhook(secret: string, rawBody: Buffer | string, now = new Date()): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${mac(secret, timestamp, rawBody)}`;
}

/** Null when the header signs exactly this body, recently, with this secret; otherwise what is wrong with it. */
export function signatureProblem(secret: string, header: string | undefined, rawBody: Buffer | undefined, now = new Date()): string | null {
  if (!header) return `the ${SIGNATURE_HEADER} header is missing`;
  const fields = new Map(header.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const timestamp = Number(fields.get('t'));
  const given = fields.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/i.test(given)) return `the ${SIGNATURE_HEADER} header must read t=<unix seconds>,v1=<hex HMAC-SHA256>`;
  if (Math.abs(now.getTime() / 1000 - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return 'the signature is too old (or from the future)';
  const expected = Buffer.from(mac(secret, timestamp, rawBody ?? Buffer.alloc(0)), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex')) ? null : 'the signature does not match the body';
}

function mac(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}
