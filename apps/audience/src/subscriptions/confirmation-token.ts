import { createHmac, timingSafeEqual } from 'node:crypto';
import { ExpiredLinkError, InvalidLinkError } from './subscription.errors';

export interface ConfirmationClaims {
  networkId: string;
  contactId: string;
  requestId: string;
  listIds: string[];
  expiresAt: Date;
}

interface Wire {
  p: 'confirm';
  n: string;
  c: string;
  r: string;
  l: string[];
  e: number;
}

/**
 * The double opt-in link's token: its claims in base64url JSON and an HMAC-SHA256 over them. Short enough for an
 * email link, unforgeable without the secret, and bound to one purpose so that no other signed link can stand in.
 */
export class ConfirmationTokens {
  constructor(private readonly secret: string) {}

  sign(claims: ConfirmationClaims): string {
    const wire: Wire = {
      p: 'confirm',
      n: claims.networkId,
      c: claims.contactId,
      r: claims.requestId,
      l: claims.listIds,
      e: Math.floor(claims.expiresAt.getTime() / 1000),
    };
    const body = Buffer.from(JSON.stringify(wire)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  verify(token: string, now = new Date()): ConfirmationClaims {
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) throw new InvalidLinkError();
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidLinkError();
    const wire = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Wire;
    if (wire.p !== 'confirm') throw new InvalidLinkError();
    const expiresAt = new Date(wire.e * 1000);
    if (expiresAt.getTime() <= now.getTime()) throw new ExpiredLinkError();
    return { networkId: wire.n, contactId: wire.c, requestId: wire.r, listIds: wire.l, expiresAt };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(`confirm.${body}`).digest('base64url');
  }
}
