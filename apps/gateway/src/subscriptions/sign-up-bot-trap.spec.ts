import { FORM_STAMP_FIELD, HONEYPOT_FIELD, SignUpBotTrap } from './sign-up-bot-trap';

describe('SignUpBotTrap', () => {
  const trap = new SignUpBotTrap({ INTERNAL_API_SECRET: 'x'.repeat(32), SUBSCRIBE_FORM_MIN_FILL_SECONDS: 3 });
  const renderedAt = Date.parse('2030-01-01T12:00:00Z');

  it('takes a filled honeypot for a bot, an empty or absent one for a person', () => {
    expect(trap.judge({ [HONEYPOT_FIELD]: 'https://spam.example' })).toBe('honeypot');
    expect(trap.judge({ [HONEYPOT_FIELD]: 0 })).toBe('honeypot');
    expect(trap.judge({ [HONEYPOT_FIELD]: '' })).toBeNull();
    expect(trap.judge({})).toBeNull();
  });

  it('takes a form sent sooner than the minimum fill time for a bot', () => {
    const stamp = trap.stamp(renderedAt);
    expect(trap.judge({ [FORM_STAMP_FIELD]: stamp }, renderedAt + 2_999)).toBe('too-fast');
    expect(trap.judge({ [FORM_STAMP_FIELD]: stamp }, renderedAt + 3_000)).toBeNull();
  });

  it('takes a forged or malformed stamp for a bot', () => {
    const [, mac] = trap.stamp(renderedAt).split('.');
    const backdated = `${(renderedAt - 60_000).toString(36)}.${mac}`;
    const other = new SignUpBotTrap({ INTERNAL_API_SECRET: 'y'.repeat(32), SUBSCRIBE_FORM_MIN_FILL_SECONDS: 3 });
    for (const stamp of [backdated, other.stamp(renderedAt - 60_000), 'garbage', `${trap.stamp(renderedAt)}.x`, 42]) {
      expect(trap.judge({ [FORM_STAMP_FIELD]: stamp }, renderedAt + 10_000)).toBe('forged-stamp');
    }
  });
});
