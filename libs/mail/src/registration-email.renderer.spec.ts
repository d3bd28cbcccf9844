import ICAL from 'ical.js';
import { LANGUAGES, NetworkEventSnapshot } from '@hub/contracts';
import { missingKeys } from '@hub/i18n';
import { REGISTRATION_EMAIL_CATALOG } from './catalog/registration-emails.catalog';
import { RegistrationEmailRenderer, RegistrationNoticeInput } from './registration-email.renderer';

/** Wall-clock time of an instant in a zone, e.g. "2026-03-28 10:00". */
function localTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(instant);
}

function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const event = calendar.getFirstSubcomponent('vevent')!;
  const start = event.getFirstPropertyValue('dtstart') as ICAL.Time;
  const end = event.getFirstPropertyValue('dtend') as ICAL.Time;
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: event.getFirstPropertyValue('sequence'),
    organizer: String(event.getFirstPropertyValue('organizer')).toLowerCase(),
    attendee: String(event.getFirstPropertyValue('attendee')).toLowerCase(),
    start: start.toJSDate(),
    end: end.toJSDate(),
    startIsUtc: start.zone === ICAL.Timezone.utcTimezone,
  };
}

describe('RegistrationEmailRenderer', () => {
  const renderer = new RegistrationEmailRenderer();
  const snapshot = (overrides: Partial<NetworkEventSnapshot>): NetworkEventSnapshot => ({
    eventId: 'event-1',
    kind: 'network-meeting',
    title: { nb: 'Nettverkssamling', sv: 'Nätverksträff', en: 'Network meeting' },
    startsAt: '2026-03-28T09:00:00.000Z',
    endsAt: '2026-03-28T11:00:00.000Z',
    timeZone: 'Europe/Oslo',
    venue: { name: 'Rådhuset', address: 'Storgata 1', city: 'Hamar' },
    organiser: { name: 'Energiråd Innlandet', email: 'post@energirad.example' },
    sequence: 0,
    ...overrides,
  });
  const input = (event: NetworkEventSnapshot, notice: RegistrationNoticeInput['notice'] = 'confirmed') => ({
    notice,
    language: 'nb' as const,
    name: 'Kari',
    email: 'kari@example.test',
    event,
    joinUrl: 'https://meet.example/secret-room',
    manageUrl: 'https://hub.example/registrations/manage?token=t',
    uidDomain: 'hub.example',
  });

  it.each(LANGUAGES)('has every registration email key in %s', (language) => {
    expect(missingKeys(REGISTRATION_EMAIL_CATALOG.en as never, REGISTRATION_EMAIL_CATALOG[language] as never)).toEqual([]);
  });

  // Last Sunday of March 2026 is the 29th, of October the 25th: 10:00 local is 09:00Z before and 08:00Z after in
  // March, and the other way round in October.
  it.each([
    ['Europe/Oslo', '2026-03-28T09:00:00.000Z', '2026-03-28 10:00'],
    ['Europe/Oslo', '2026-03-30T08:00:00.000Z', '2026-03-30 10:00'],
    ['Europe/Stockholm', '2026-10-24T08:00:00.000Z', '2026-10-24 10:00'],
    ['Europe/Stockholm', '2026-10-26T09:00:00.000Z', '2026-10-26 10:00'],
    ['Europe/Stockholm', '2026-10-24T20:00:00.000Z', '2026-10-24 22:00'],
  ])('writes an invite an independent parser reads back right (%s, %s)', (timeZone, startsAt, local) => {
    const endsAt = new Date(new Date(startsAt).getTime() + 6 * 3_600_000).toISOString();
    const email = renderer.notice(input(snapshot({ timeZone, startsAt, endsAt, sequence: 3 })));
    expect(email.calendar?.method).toBe('REQUEST');
    const invite = parse(email.calendar!.content);
    expect(invite).toMatchObject({ method: 'REQUEST', uid: 'event-1@hub.example', sequence: 3, startIsUtc: true });
    expect(invite.start.toISOString()).toBe(startsAt);
    expect(invite.end.toISOString()).toBe(endsAt);
    expect(localTime(invite.start, timeZone)).toBe(local);
    expect(invite.organizer).toBe('mailto:post@energirad.example');
    expect(invite.attendee).toBe('mailto:kari@example.test');
    expect(email.text).toContain(`(${timeZone})`);
    expect(email.text).toContain(local.slice(-5));
  });

  it('sends CANCEL for the same UID when a registration is cancelled, and no invite to the waitlist', () => {
    const cancelled = renderer.notice(input(snapshot({ sequence: 2 }), 'cancelled'));
    expect(parse(cancelled.calendar!.content)).toMatchObject({ method: 'CANCEL', uid: 'event-1@hub.example', sequence: 2 });
    expect(renderer.notice(input(snapshot({}), 'waitlisted')).calendar).toBeUndefined();
  });

  it('shows the join link only to confirmed participants', () => {
    expect(renderer.notice(input(snapshot({}), 'confirmed')).text).toContain('https://meet.example/secret-room');
    expect(renderer.notice(input(snapshot({}), 'promoted')).text).toContain('https://meet.example/secret-room');
    for (const notice of ['waitlisted', 'cancelled'] as const) {
      const email = renderer.notice(input(snapshot({}), notice));
      expect(email.text).not.toContain('secret-room');
      expect(email.calendar?.content ?? '').not.toContain('secret-room');
    }
  });

  it('writes in the participant language', () => {
    const email = renderer.notice({ ...input(snapshot({ timeZone: 'Europe/Stockholm' })), language: 'sv' });
    expect(email.subject).toBe('Du är anmäld: Nätverksträff');
    expect(email.html).toContain('<html lang="sv">');
  });

  it('sends a moved event as a REQUEST with its new SEQUENCE, a cancelled one as CANCEL, and reminders without an invite', () => {
    const moved = renderer.notice(input(snapshot({ sequence: 4 }), 'rescheduled'));
    expect(moved.subject).toBe('Endret tid: Nettverkssamling');
    expect(parse(moved.calendar!.content)).toMatchObject({ method: 'REQUEST', sequence: 4 });
    expect(parse(renderer.notice(input(snapshot({ sequence: 5 }), 'event-cancelled')).calendar!.content)).toMatchObject({ method: 'CANCEL', sequence: 5 });
    const reminder = renderer.notice(input(snapshot({}), 'reminder'));
    expect(reminder.calendar).toBeUndefined();
    expect(reminder.text).toContain('https://meet.example/secret-room');
  });
});
