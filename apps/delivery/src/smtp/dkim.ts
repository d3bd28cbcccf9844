import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type DKIM from 'nodemailer/lib/dkim';
import { z } from 'zod';

/** DKIM signing of every outgoing message with one key (the hub's sending domain); off while DKIM_DOMAIN is unset. */
export const dkimEnv = z.object({
  DKIM_DOMAIN: z.string().regex(/^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'must be a domain name').optional(),
  DKIM_SELECTOR: z.string().regex(/^[a-z0-9](?:[a-z0-9._-]{0,62})$/i, 'must be a DNS label such as hub2026').optional(),
  /** PEM; `\n` escapes are accepted, for environments that cannot hold newlines. */
  DKIM_PRIVATE_KEY: z.string().min(1).optional(),
  DKIM_PRIVATE_KEY_FILE: z.string().min(1).optional(),
});

export type DkimEnv = z.infer<typeof dkimEnv>;

/** Start-up check: all or nothing, and a key that node can actually sign with. */
export function checkDkimEnv(config: Partial<DkimEnv>, ctx: z.RefinementCtx): void {
  const given = [config.DKIM_DOMAIN, config.DKIM_SELECTOR, config.DKIM_PRIVATE_KEY ?? config.DKIM_PRIVATE_KEY_FILE].filter(Boolean).length;
  if (given === 0) return;
  if (!config.DKIM_DOMAIN) ctx.addIssue({ code: 'custom', path: ['DKIM_DOMAIN'], message: 'is required for DKIM signing' });
  if (!config.DKIM_SELECTOR) ctx.addIssue({ code: 'custom', path: ['DKIM_SELECTOR'], message: 'is required for DKIM signing' });
  if (config.DKIM_PRIVATE_KEY && config.DKIM_PRIVATE_KEY_FILE) {
    ctx.addIssue({ code: 'custom', path: ['DKIM_PRIVATE_KEY_FILE'], message: 'give DKIM_PRIVATE_KEY or DKIM_PRIVATE_KEY_FILE, not both' });
    return;
  }
  const variable = config.DKIM_PRIVATE_KEY_FILE ? 'DKIM_PRIVATE_KEY_FILE' : 'DKIM_PRIVATE_KEY';
  try {
    const key = createPrivateKey(privateKeyPem(config)!);
    if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ed25519') throw new Error('must be an RSA or Ed25519 key');
  } catch (error) {
    ctx.addIssue({ code: 'custom', path: [variable], message: `is not a usable private key (${(error as Error).message})` });
  }
}

/** nodemailer's `dkim` transport option, or undefined when signing is off. */
export function dkimSigning(config: DkimEnv): DKIM.SingleKeyOptions | undefined {
  const privateKey = privateKeyPem(config);
  if (!config.DKIM_DOMAIN || !config.DKIM_SELECTOR || !privateKey) return undefined;
  return { domainName: config.DKIM_DOMAIN, keySelector: config.DKIM_SELECTOR, privateKey };
}

function privateKeyPem(config: Partial<DkimEnv>): string | undefined {
  if (config.DKIM_PRIVATE_KEY_FILE) return readFileSync(config.DKIM_PRIVATE_KEY_FILE, 'utf8');
  return config.DKIM_PRIVATE_KEY?.replace(/\\n/g, '\n');
}
