import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isHardStatus, parseDeliveryReport } from './delivery-report.parser';

const sample = (name: string) => readFileSync(join(__dirname, 'testdata', name));

describe('parseDeliveryReport', () => {
  it('reads a Postfix "user unknown" DSN as a hard bounce', async () => {
    expect(await parseDeliveryReport(sample('postfix-user-unknown.eml'))).toEqual({
      kind: 'bounce',
      action: 'failed',
      status: '5.1.1',
      hard: true,
      diagnostic: '550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown in virtual mailbox table',
      fingerprint: expect.stringMatching(/^[0-9a-f]{24}$/),
    });
  });

  it('reads an Exchange Online NDR (5.1.10) as a hard bounce', async () => {
    expect(await parseDeliveryReport(sample('exchange-recipient-not-found.eml'))).toMatchObject({
      kind: 'bounce',
      action: 'failed',
      status: '5.1.10',
      hard: true,
      diagnostic: expect.stringContaining('RESOLVER.ADR.RecipientNotFound'),
    });
  });

  it('reads a Gmail "no such user" DSN with a folded multi-line diagnostic', async () => {
    const report = await parseDeliveryReport(sample('gmail-no-such-user.eml'));
    expect(report).toMatchObject({ kind: 'bounce', action: 'failed', status: '5.1.1', hard: true });
    expect(report?.kind === 'bounce' && report.diagnostic).toMatch(/^550-5\.1\.1 The email account .* unnecessary spaces\. https:\/\/support\.google\.com\/mail\/\?p=NoSuchUser$/);
  });

  it('reads a Gmail "over quota" delay as a soft bounce', async () => {
    expect(await parseDeliveryReport(sample('gmail-mailbox-full-delayed.eml'))).toMatchObject({ kind: 'bounce', action: 'delayed', status: '4.2.2', hard: false });
  });

  it('reads a Yahoo ARF abuse report and a Microsoft JMRP one as complaints', async () => {
    expect(await parseDeliveryReport(sample('yahoo-abuse.arf.eml'))).toEqual({ kind: 'complaint', feedbackType: 'abuse', fingerprint: expect.any(String) });
    expect(await parseDeliveryReport(sample('microsoft-jmrp.arf.eml'))).toMatchObject({ kind: 'complaint', feedbackType: 'abuse' });
  });

  it('gives the same report the same fingerprint and different reports different ones', async () => {
    const a = await parseDeliveryReport(sample('postfix-user-unknown.eml'));
    const again = await parseDeliveryReport(sample('postfix-user-unknown.eml').toString().replace('Tue,  1 Dec 2026 10:00:00', 'Wed,  2 Dec 2026 10:00:00'));
    const other = await parseDeliveryReport(sample('gmail-no-such-user.eml'));
    expect(again?.fingerprint).toBe(a?.fingerprint);
    expect(other?.fingerprint).not.toBe(a?.fingerprint);
  });

  it('ignores what is not a report: an auto-reply, and a DSN that only says "delivered"', async () => {
    const autoReply = 'From: kari@example.net\r\nTo: bounces+x@bounce.hub.test\r\nSubject: Out of office\r\nContent-Type: text/plain\r\n\r\nI am away until Monday.\r\n';
    expect(await parseDeliveryReport(autoReply)).toBeNull();
    const delivered = sample('postfix-user-unknown.eml').toString().replace('Action: failed', 'Action: delivered');
    expect(await parseDeliveryReport(delivered)).toBeNull();
  });
});

describe('isHardStatus', () => {
  it.each([
    ['5.1.1', null, true],
    ['5.2.1', null, true],
    ['5.4.4', null, true],
    ['5.7.1', null, false],
    ['5.2.2', null, false],
    ['4.4.7', null, false],
    [null, '5', true],
    [null, '4', false],
    [null, null, false],
  ])('%s (basic class %s) is hard: %s', (status, basic, hard) => expect(isHardStatus(status, basic)).toBe(hard));
});
