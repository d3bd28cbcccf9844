import { createHash, createPublicKey, verify } from 'node:crypto';

/**
 * Checks a message's DKIM-Signature (RFC 6376, rsa-sha256, relaxed/relaxed: what nodemailer signs with) against a
 * public key, as a receiving server would after fetching it from DNS. Returns what failed, or null.
 */
export function dkimProblem(rawMessage: string, publicKeyPem: string): string | null {
  const raw = rawMessage.replace(/\r?\n/g, '\r\n');
  const split = raw.indexOf('\r\n\r\n');
  const headerLines = raw.slice(0, split).split(/\r\n(?![ \t])/);
  const body = raw.slice(split + 4);
  const signature = headerLines.find((line) => /^dkim-signature:/i.test(line));
  if (!signature) return 'no DKIM-Signature header';
  const tags = new Map(
    signature
      .slice(signature.indexOf(':') + 1)
      .replace(/\s+/g, '')
      .split(';')
      .filter(Boolean)
      .map((tag) => [tag.slice(0, tag.indexOf('=')), tag.slice(tag.indexOf('=') + 1)] as [string, string]),
  );
  if (tags.get('a') !== 'rsa-sha256' || tags.get('c') !== 'relaxed/relaxed') return `unsupported a=${tags.get('a')} c=${tags.get('c')}`;
  const bodyHash = createHash('sha256').update(relaxedBody(body)).digest('base64');
  if (bodyHash !== tags.get('bh')) return 'body hash does not match';
  // Each signed header name takes the last not yet used instance, from the bottom up (RFC 6376 5.4.2).
  const remaining = [...headerLines];
  const signed = tags
    .get('h')!
    .split(':')
    .map((name) => {
      const index = remaining.map((line) => line.slice(0, line.indexOf(':')).trim().toLowerCase()).lastIndexOf(name.toLowerCase());
      if (index < 0) return '';
      const [line] = remaining.splice(index, 1);
      return relaxedHeader(line) + '\r\n';
    })
    .join('');
  const unsignedSignature = relaxedHeader(signature.replace(/(\bb=)[^;]*/, '$1'));
  const ok = verify('sha256', Buffer.from(signed + unsignedSignature), createPublicKey(publicKeyPem), Buffer.from(tags.get('b')!, 'base64'));
  return ok ? null : 'signature does not verify';
}

function relaxedHeader(line: string): string {
  const colon = line.indexOf(':');
  const value = line.slice(colon + 1).replace(/\r\n(?=[ \t])/g, '').replace(/[ \t]+/g, ' ').trim();
  return `${line.slice(0, colon).trim().toLowerCase()}:${value}`;
}

function relaxedBody(body: string): string {
  const lines = body.split('\r\n').map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.length === 0 ? '' : lines.join('\r\n') + '\r\n';
}
