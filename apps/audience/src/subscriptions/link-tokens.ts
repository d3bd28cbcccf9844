import { createHmac, timingSafeEqual } from 'node:crypto';
import { ExpiredLinkError, InvalidLinkError } from './subscription.errors';

/**
 * What a signed link may do. The purpose is part of the MAC input, so a token made for one purpose never verifies
 * for another (a preferences link cannot stand in for a confirmation).
 */
export type LinkPurpose = 'confirm' | 'preferences' | 'unsubscribe';

export interface ConfirmationClaims {
  networkId: string;
  contactId: string;
  requestId: string;
  listIds: string[];
  expiresAt: Date;
}

/**
 * Preferences and one-click links: bound to one contact; an unsubscribe link may name the one list it leaves. Links in
 * a newsletter copy also name the send they came with, so that leaving through them counts for that send; links
 * signed before that claim existed simply carry none.
 */
export interface ContactLinkClaims {
  networkId: string;
  contactId: string;
  listId?: string;
  sendId?: string;
}

interface Wire {
  p: LinkPurpose;
  n: string;
  c: string;
  r?: string;
  l?: string[];
  e?: number;
  s?: string;
}

/**
 * The tokens of the links in emails: claims in base64url JSON and an HMAC-SHA256 over purpose and claims. Short
 * enough for an email link and unforgeable without LINK_SIGNING_SECRET, which only audience holds.
 */
export class LinkTokens {
  constructor(private readonly secret: string) {}

  signConfirmation(claims: ConfirmationClaims): string {
    return this.sign({
      p: 'confirm',
      n: claims.networkId,
      c: claims.contactId,
      r: claims.requestId,
      l: claims.listIds,
      e: Math.floor(claims.expiresAt.getTime() / 1000),
    });
  }

  verifyConfirmation(token: string, now = new Date()): ConfirmationClaims {
    const wire = this.verify('confirm', token, now);
    if (!wire.r || !wire.l || wire.e === undefined) throw new InvalidLinkError();
    return { networkId: wire.n, contactId: wire.c, requestId: wire.r, listIds: wire.l, expiresAt: new Date(wire.e * 1000) };
  }

  /**
   * Preferences and unsubscribe links do not expire: they sit in every email a person keeps, and RFC 8058 expects
   * the List-Unsubscribe URL to keep working. They lose their power when the contact is erased.
   */
  signContactLink(purpose: 'preferences' | 'unsubscribe', claims: ContactLinkClaims): string {
    return this.sign({ p: purpose, n: claims.networkId, c: claims.contactId, ...(claims.listId && { l: [claims.listId] }), ...(claims.sendId && { s: claims.sendId }) });
  }

  verifyContactLink(purpose: 'preferences' | 'unsubscribe', token: string, now = new Date()): ContactLinkClaims {
    const wire = this.verify(purpose, token, now);
    return { networkId: wire.n, contactId: wire.c, ...(wire.l?.[0] && { listId: wire.l[0] }), ...(wire.s && { sendId: wire.s }) };
  }

  private sign(wire: Wire): string {
    const body = Buffer.from(JSON.stringify(wire)).toString('base64url');
    return `${body}.${this.mac(wire.p, body)}`;
  }

  private verify(purpose: LinkPurpose, token: string, now: Date): Wire {
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) throw new InvalidLinkError();
    const expected = Buffer.from(this.mac(purpose, body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidLinkError();
    const wire = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Wire;
    if (wire.p !== purpose || typeof wire.n !== 'string' || typeof wire.c !== 'string') throw new InvalidLinkError();
    if (wire.e !== undefined && wire.e * 1000 <= now.getTime()) throw new ExpiredLinkError();
    return wire;
  }

  private mac(purpose: LinkPurpose, body: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}.${body}`).digest('base64url');
  }
}
