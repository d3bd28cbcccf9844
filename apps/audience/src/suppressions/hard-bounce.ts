/**
 * Whether a permanent SMTP failure says the address itself is bad (a hard bounce), so that mail to it must stop.
 * With an enhanced status code (RFC 3463), only "bad mailbox or system" (5.1.x) and "mailbox disabled" (5.2.1)
 * count: a 5.7.x policy refusal says nothing about the address. Without one, 550, 551 and 553 count.
 */
export function isHardBounce(smtpResponse: string): boolean {
  const enhanced = /\b5\.(\d{1,3})\.(\d{1,3})\b/.exec(smtpResponse);
  if (enhanced) return enhanced[1] === '1' || (enhanced[1] === '2' && enhanced[2] === '1');
  return /^55[013]\b/.test(smtpResponse.trim());
}
