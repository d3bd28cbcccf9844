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
