import { emailAddressSchema, normalizeEmail } from './email-address';

describe('email addresses', () => {
  it.each([
    ['  Ola.Nordmann@Kommune.NO ', 'ola.nordmann@kommune.no'],
    ['ola@bærum.no', 'ola@xn--brum-voa.no'],
    ['Åsa@Malmö.se', 'åsa@xn--malm-8qa.se'],
  ])('normalises %s', (raw, expected) => {
    expect(normalizeEmail(raw)).toBe(expected);
  });

  it.each(['', 'no-at-sign', '@kommune.no', 'ola@'])('rejects %p', (raw) => {
    expect(normalizeEmail(raw)).toBeNull();
  });

  it('accepts an internationalised domain and stores the ASCII form', () => {
    expect(emailAddressSchema.parse('Kari@Bærum.no')).toBe('kari@xn--brum-voa.no');
  });

  it('rejects header injection attempts', () => {
    expect(emailAddressSchema.safeParse('a@b.no\r\nBcc: x@y.no').success).toBe(false);
  });
});
