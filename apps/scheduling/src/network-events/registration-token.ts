import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidRegistrationLinkError } from './network-event.errors';

export interface RegistrationClaims {
  networkId: string;
  registrationId: string;
}

/**
 * The token of a participant's personal registration page and its cancel button: claims in base64url JSON and an
 * HMAC-SHA256 over them, bound to this purpose. It does not expire: the page must work until the event is over.
 */
export class RegistrationTokens {
  constructor(private readonly secret: string) {}

  sign(claims: RegistrationClaims): string {
    const body = Buffer.from(JSON.stringify({ p: 'registration', n: claims.networkId, r: claims.registrationId })).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  verify(token: string): RegistrationClaims {
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) throw new InvalidRegistrationLinkError();
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidRegistrationLinkError();
    const wire = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { p?: string; n?: string; r?: string };
    if (wire.p !== 'registration' || !wire.n || !wire.r) throw new InvalidRegistrationLinkError();
    return { networkId: wire.n, registrationId: wire.r };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(`registration.${body}`).digest('base64url');
  }
}
