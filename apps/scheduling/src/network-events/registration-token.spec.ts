import { InvalidRegistrationLinkError } from './network-event.errors';
import { RegistrationTokens } from './registration-token';

describe('RegistrationTokens', () => {
  const tokens = new RegistrationTokens('a-secret-of-at-least-32-characters-long');

  it('round-trips its claims', () => {
    const claims = { networkId: 'net-1', registrationId: 'reg-1' };
    expect(tokens.verify(tokens.sign(claims))).toEqual(claims);
  });

  it('refuses a changed body, a foreign secret and garbage', () => {
    const token = tokens.sign({ networkId: 'net-1', registrationId: 'reg-1' });
    const [, mac] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ p: 'registration', n: 'net-1', r: 'reg-2' })).toString('base64url')}.${mac}`;
    expect(() => tokens.verify(forged)).toThrow(InvalidRegistrationLinkError);
    expect(() => new RegistrationTokens('another-secret-of-at-least-32-characters').verify(token)).toThrow(InvalidRegistrationLinkError);
    expect(() => tokens.verify('nonsense')).toThrow(InvalidRegistrationLinkError);
  });
});
