import { ReturnPathTokens, TOKEN_LENGTH } from './return-path.token';

describe('ReturnPathTokens', () => {
  const tokens = new ReturnPathTokens('a-bounce-signing-secret-of-32-characters');

  it('issues a short lower-case token that verifies to the short id of its Message-ID', () => {
    const token = tokens.issue('<0123456789abcdef0123456789abcdef@hub.test>');
    expect(token).toMatch(/^[a-z2-7]+$/);
    expect(token).toHaveLength(TOKEN_LENGTH);
    expect(`bounces+${token}`.length).toBeLessThanOrEqual(64);
    expect(tokens.verify(token)).toBe(ReturnPathTokens.shortId('0123456789abcdef0123456789abcdef@hub.test'));
  });

  it('accepts a token whose case a relay folded', () => {
    const token = tokens.issue('<m@hub.test>');
    expect(tokens.verify(token.toUpperCase())).toBe(ReturnPathTokens.shortId('<m@hub.test>'));
  });

  it('rejects tokens with a changed character, another secret, or the wrong length', () => {
    const token = tokens.issue('<m@hub.test>');
    const changed = token.slice(0, 3) + (token[3] === 'a' ? 'b' : 'a') + token.slice(4);
    expect(tokens.verify(changed)).toBeNull();
    expect(new ReturnPathTokens('another-secret-of-at-least-32-characters').verify(token)).toBeNull();
    expect(tokens.verify(token.slice(1))).toBeNull();
    expect(tokens.verify('1'.repeat(TOKEN_LENGTH))).toBeNull();
  });
});
