import { ConfirmationTokens } from './confirmation-token';
import { ExpiredLinkError, InvalidLinkError } from './subscription.errors';

describe('ConfirmationTokens', () => {
  const tokens = new ConfirmationTokens('a-secret-that-is-long-enough-for-hmac-use');
  const claims = {
    networkId: 'net-1',
    contactId: 'contact-1',
    requestId: 'request-1',
    listIds: ['list-1', 'list-2'],
    expiresAt: new Date('2030-01-01T00:00:00Z'),
  };

  it('round-trips its claims', () => {
    expect(tokens.verify(tokens.sign(claims), new Date('2029-12-31T00:00:00Z'))).toEqual(claims);
  });

  it('refuses a token after it expires', () => {
    expect(() => tokens.verify(tokens.sign(claims), new Date('2030-01-01T00:00:01Z'))).toThrow(ExpiredLinkError);
  });

  it('refuses a tampered body, a tampered signature and garbage', () => {
    const [body, mac] = tokens.sign(claims).split('.');
    const forged = Buffer.from(Buffer.from(body, 'base64url').toString().replace('list-2', 'list-3')).toString('base64url');
    const now = new Date('2029-01-01T00:00:00Z');
    expect(() => tokens.verify(`${forged}.${mac}`, now)).toThrow(InvalidLinkError);
    expect(() => tokens.verify(`${body}.${mac.slice(0, -2)}AA`, now)).toThrow(InvalidLinkError);
    expect(() => tokens.verify('garbage', now)).toThrow(InvalidLinkError);
    expect(() => tokens.verify(`${body}.${mac}.extra`, now)).toThrow(InvalidLinkError);
  });

  it('refuses a token signed with another secret', () => {
    const other = new ConfirmationTokens('another-secret-that-is-long-enough-for-hmac');
    expect(() => tokens.verify(other.sign(claims), new Date('2029-01-01T00:00:00Z'))).toThrow(InvalidLinkError);
  });
});
