import { domainToASCII } from 'node:url';
import { z } from 'zod';

/**
 * One canonical form per mailbox: trimmed, lower-cased, internationalised domain in its ASCII (punycode) form, so
 * "Ola@Bærum.no" and "ola@xn--brum-roa.no" are the same contact.
 */
export function normalizeEmail(raw: string): string | null {
  const trimmed = raw.trim();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return null;
  const domain = domainToASCII(trimmed.slice(at + 1).toLowerCase());
  if (!domain) return null;
  return `${trimmed.slice(0, at).toLowerCase()}@${domain}`;
}

export const emailAddressSchema = z
  .string({ error: 'must be an email address' })
  .max(254, 'must be at most 254 characters')
  .transform((value, ctx) => {
    const normalized = normalizeEmail(value);
    if (normalized === null) {
      ctx.addIssue({ code: 'custom', message: 'must be an email address' });
      return z.NEVER;
    }
    return normalized;
  })
  .pipe(z.email({ error: 'must be an email address' }));
