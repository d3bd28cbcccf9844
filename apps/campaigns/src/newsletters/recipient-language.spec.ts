import { recipientLanguage } from './recipient-language';

describe('recipient language', () => {
  it('is the subscriber’s own when the newsletter has it', () => {
    expect(recipientLanguage('nn', ['nb', 'nn', 'en'], ['nb', 'nn', 'en'])).toBe('nn');
  });

  it('falls back in the network’s order, not the order the newsletter was written in', () => {
    expect(recipientLanguage('fi', ['en', 'sv'], ['sv', 'fi', 'en'])).toBe('sv');
    expect(recipientLanguage('da', ['en', 'nb'], ['nb', 'en'])).toBe('nb');
  });

  it('takes the first written language when the network lists none of them', () => {
    expect(recipientLanguage('fi', ['en'], ['sv'])).toBe('en');
  });
});
