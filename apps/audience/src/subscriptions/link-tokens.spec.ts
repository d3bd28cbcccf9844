import { createHmac } from 'node:crypto';
import { LinkTokens } from './link-tokens';
import { ExpiredLinkError, InvalidLinkError } from './subscription.errors';

describe('LinkTokens', () => {
  const tokens = new LinkTokens('a-secret-that-is-long-enough-for-hmac-use');
  const claims = {
    networkId: 'net-1',
    contactId: 'contact-1',
    requestId: 'request-1',
    listIds: ['list-1', 'list-2'],
    expiresAt: new Date('2030-01-01T00:00:00Z'),
  };
  const now = new Date('2029-01-01T00:00:00Z');

  it('round-trips the claims of a confirmation', () => {
    expect(tokens.verifyConfirmation(tokens.signConfirmation(claims), new Date('2029-12-31T00:00:00Z'))).toEqual(claims);
  });

  it('refuses a confirmation after it expires', () => {
    expect(() => tokens.verifyConfirmation(tokens.signConfirmation(claims), new Date('2030-01-01T00:00:01Z'))).toThrow(ExpiredLinkError);
  });

  it('refuses a tampered body, a tampered signature and garbage', () => {
    const [body, mac] = tokens.signConfirmation(claims).split('.');
    const forged = Buffer.from(Buffer.from(body, 'base64url').toString().replace('list-2', 'list-3')).toString('base64url');
    expect(() => tokens.verifyConfirmation(`${forged}.${mac}`, now)).toThrow(InvalidLinkError);
    expect(() => tokens.verifyConfirmation(`${body}.${mac.slice(0, -2)}AA`, now)).toThrow(InvalidLinkError);
    expect(() => tokens.verifyConfirmation('garbage', now)).toThrow(InvalidLinkError);
    expect(() => tokens.verifyConfirmation(`${body}.${mac}.extra`, now)).toThrow(InvalidLinkError);
  });

  it('refuses a token signed with another secret', () => {
    const other = new LinkTokens('another-secret-that-is-long-enough-for-hmac');
    expect(() => tokens.verifyConfirmation(other.signConfirmation(claims), now)).toThrow(InvalidLinkError);
  });

  it('round-trips preferences and list-bound unsubscribe links, which do not expire', () => {
    const preferences = tokens.signContactLink('preferences', { networkId: 'net-1', contactId: 'contact-1' });
    const unsubscribe = tokens.signContactLink('unsubscribe', { networkId: 'net-1', contactId: 'contact-1', listId: 'list-1' });
    expect(tokens.verifyContactLink('preferences', preferences, new Date('2100-01-01'))).toEqual({ networkId: 'net-1', contactId: 'contact-1' });
    expect(tokens.verifyContactLink('unsubscribe', unsubscribe, now)).toEqual({ networkId: 'net-1', contactId: 'contact-1', listId: 'list-1' });
  });

  it('binds each token to its purpose', () => {
    const preferences = tokens.signContactLink('preferences', { networkId: 'net-1', contactId: 'contact-1' });
    expect(() => tokens.verifyContactLink('unsubscribe', preferences, now)).toThrow(InvalidLinkError);
    expect(() => tokens.verifyConfirmation(preferences, now)).toThrow(InvalidLinkError);
    expect(() => tokens.verifyContactLink('preferences', tokens.signConfirmation(claims), now)).toThrow(InvalidLinkError);
  });
});

describe('LinkTokens, links of a newsletter copy', () => {
  const tokens = new LinkTokens('a-secret-that-is-long-enough-for-hmac-use');
  const claims = { networkId: 'net-1', contactId: 'contact-1', listId: 'list-1', sendId: 'send-1' };
  const wireOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as Record<string, unknown>;
  const withWire = (token: string, change: (wire: Record<string, unknown>) => void) => {
    const wire = wireOf(token);
    change(wire);
    return `${Buffer.from(JSON.stringify(wire)).toString('base64url')}.${token.split('.')[1]}`;
  };

  it('round-trips the send a link came with, for both purposes', () => {
    expect(tokens.verifyContactLink('unsubscribe', tokens.signContactLink('unsubscribe', claims))).toEqual(claims);
    const preferences = tokens.signContactLink('preferences', { networkId: 'net-1', contactId: 'contact-1', sendId: 'send-1' });
    expect(tokens.verifyContactLink('preferences', preferences)).toEqual({ networkId: 'net-1', contactId: 'contact-1', sendId: 'send-1' });
  });

  it('still verifies a link signed before links named their send, as one from no send', () => {
    // The exact shape the earlier signer wrote: purpose, network, contact, list; no source.
    const body = Buffer.from(JSON.stringify({ p: 'unsubscribe', n: 'net-1', c: 'contact-1', l: ['list-1'] })).toString('base64url');
    const mac = createHmac('sha256', 'a-secret-that-is-long-enough-for-hmac-use').update(`unsubscribe.${body}`).digest('base64url');
    const verified = tokens.verifyContactLink('unsubscribe', `${body}.${mac}`);
    expect(verified).toEqual({ networkId: 'net-1', contactId: 'contact-1', listId: 'list-1' });
    expect(verified).not.toHaveProperty('sendId');
  });

  it('refuses a link whose send was changed, added or removed', () => {
    const token = tokens.signContactLink('unsubscribe', claims);
    expect(() => tokens.verifyContactLink('unsubscribe', withWire(token, (wire) => (wire.s = 'send-2')))).toThrow(InvalidLinkError);
    expect(() => tokens.verifyContactLink('unsubscribe', withWire(token, (wire) => delete wire.s))).toThrow(InvalidLinkError);
    const plain = tokens.signContactLink('unsubscribe', { networkId: 'net-1', contactId: 'contact-1', listId: 'list-1' });
    expect(() => tokens.verifyContactLink('unsubscribe', withWire(plain, (wire) => (wire.s = 'send-1')))).toThrow(InvalidLinkError);
  });
});
