import { signatureProblem, signWebhook } from './webhook-signature';

describe('delivery webhook signatures', () => {
  const secret = 'a-webhook-secret-of-at-least-32-characters';
  const body = Buffer.from('{"type":"bounce"}');
  const now = new Date('2026-12-01T10:00:00Z');

  it('accepts the signature of this body made within five minutes', () => {
    expect(signatureProblem(secret, signWebhook(secret, body, now), body, now)).toBeNull();
    expect(signatureProblem(secret, signWebhook(secret, body, new Date(now.getTime() - 299_000)), body, now)).toBeNull();
  });

  it('refuses a missing or malformed header, another body, another secret, and an old signature', () => {
    expect(signatureProblem(secret, undefined, body, now)).toMatch(/missing/);
    expect(signatureProblem(secret, 'sha256=abc', body, now)).toMatch(/must read/);
    expect(signatureProblem(secret, signWebhook(secret, body, now), Buffer.from('{"type":"complaint"}'), now)).toMatch(/does not match/);
    expect(signatureProblem(secret, signWebhook('another-secret-of-at-least-32-characters', body, now), body, now)).toMatch(/does not match/);
    expect(signatureProblem(secret, signWebhook(secret, body, new Date(now.getTime() - 301_000)), body, now)).toMatch(/too old/);
  });
});
