import { dueAction, localTimeOf, sendInstant } from './send-time';

describe('send time in the network zone', () => {
  it('turns 09:00 local into the right UTC instant on both sides of the spring change (last Sunday of March)', () => {
    expect(sendInstant('2026-03-28T09:00', 'Europe/Stockholm')).toEqual(new Date('2026-03-28T08:00:00Z'));
    expect(sendInstant('2026-03-29T09:00', 'Europe/Stockholm')).toEqual(new Date('2026-03-29T07:00:00Z'));
  });

  it('and on both sides of the autumn change (last Sunday of October), in Helsinki too', () => {
    expect(sendInstant('2026-10-24T09:00', 'Europe/Oslo')).toEqual(new Date('2026-10-24T07:00:00Z'));
    expect(sendInstant('2026-10-25T09:00', 'Europe/Oslo')).toEqual(new Date('2026-10-25T08:00:00Z'));
    expect(sendInstant('2026-10-25T09:00', 'Europe/Helsinki')).toEqual(new Date('2026-10-25T07:00:00Z'));
  });

  it('refuses a time the clocks skip and a time that does not exist', () => {
    expect(sendInstant('2026-03-29T02:30', 'Europe/Copenhagen')).toBe('skipped-by-dst');
    expect(sendInstant('2026-02-30T09:00', 'Europe/Oslo')).toBe('invalid');
  });

  it('shows the instant back as local time', () => {
    expect(localTimeOf(new Date('2026-03-29T07:00:00Z'), 'Europe/Stockholm')).toBe('2026-03-29T09:00');
  });

  it('with an injected clock, fires at the local time across DST and asks when found late past the grace', () => {
    const sendAt = sendInstant('2026-03-29T09:00', 'Europe/Stockholm') as Date;
    const hour = 3_600_000;
    // 09:00 the day before the change would be 08:00Z; the send must not fire an hour early (at 08:59 local, 06:59Z).
    expect(dueAction(sendAt, new Date('2026-03-29T06:59:00Z'), hour)).toBe('wait');
    expect(dueAction(sendAt, new Date('2026-03-29T07:00:00Z'), hour)).toBe('start');
    expect(dueAction(sendAt, new Date('2026-03-29T08:00:00Z'), hour)).toBe('start');
    expect(dueAction(sendAt, new Date('2026-03-29T08:00:01Z'), hour)).toBe('ask');
  });
});
