import ICAL from 'ical.js';
import { MailpitClient, TestRun } from '@hub/testing';
import type { GatewayClient } from '../../support/gateway-client';
import { SchedulingStack, startSchedulingStack } from './scheduling-stack';
import { calendarPart, eventBody } from './scheduling-fixtures';

jest.setTimeout(180_000);

interface Occurrence {
  eventId: string;
  recurrenceId: string;
  startsAt: string;
  endsAt: string;
  status: string;
  sequence: number;
  overridden: string[];
}
interface SeriesView {
  id: string;
  title: Record<string, string>;
  capacity: number;
  durationMinutes: number;
  joinUrl: string | null;
  occurrences: Occurrence[];
}
interface EventView {
  title: Record<string, string>;
  capacity: number;
  joinUrl: string | null;
  startsAt: string;
  endsAt: string;
  sequence: number;
}

const DAY = 86_400_000;

/** Changing a whole series through the gateway: only occurrences to come, not their own changes; people told. */
describe('scheduling: changing a whole webinar series', () => {
  const run = new TestRun();
  const mailpit = new MailpitClient(run.stack.mailpitUrl);
  let stack: SchedulingStack;
  let owner: GatewayClient;
  let slug: string;

  beforeAll(async () => {
    stack = await startSchedulingStack(run, { delivery: true });
    ({ owner, slug } = stack);
  });

  afterAll(async () => {
    await stack?.close();
    await run.cleanup();
  });

  const event = async (eventId: string) => (await (await owner.request('GET', `/api/v1/network-events/${eventId}`)).json()) as EventView;

  it('changes the occurrences still to come except in the fields one changed on its own, and tells their participants', async () => {
    // Weekly from five days ago: the first occurrence is over, the next three are to come.
    const first = new Date(Date.now() - 5 * DAY).toISOString().slice(0, 10);
    const { startsAt: _s, endsAt: _e, ...template } = eventBody({ capacity: 2, title: { sv: 'Klimatwebbinarium', en: 'Climate webinar' } });
    const created = await owner.request('POST', '/api/v1/event-series', { ...template, firstStartsAt: `${first}T10:00`, durationMinutes: 60, rrule: 'FREQ=WEEKLY;COUNT=4' });
    expect(created.status).toBe(201);
    const series = (await created.json()) as SeriesView;
    expect(series).toMatchObject({ capacity: 2, joinUrl: 'https://meet.example/secret-room', durationMinutes: 60 });
    expect((await owner.request('POST', `/api/v1/event-series/${series.id}/transitions`, { to: 'published' })).status).toBe(200);
    const [past, own, plain, last] = series.occurrences;

    const participant = run.email('series-participant');
    const registered = await owner.request('POST', `/api/v1/networks/${slug}/series/${series.id}/registrations`, { name: 'Kari Nordmann', email: participant, language: 'sv', consent: true });
    expect(((await registered.json()) as { registrations: Array<{ eventId: string }> }).registrations.map((r) => r.eventId)).toEqual([own.eventId, plain.eventId, last.eventId]);
    await mailpit.waitForMessagesTo(participant, 3);

    // One occurrence gets its own title and more seats through the ordinary event API.
    expect((await owner.request('PATCH', `/api/v1/network-events/${own.eventId}`, { title: { sv: 'Eget tema' }, capacity: 5 })).status).toBe(200);
    expect(((await (await owner.request('GET', `/api/v1/event-series/${series.id}`)).json()) as SeriesView).occurrences.map((o) => o.overridden)).toEqual([[], ['title', 'capacity'], [], []]);
    const pastBefore = await event(past.eventId);

    // Refused whole, naming the field: fewer seats than a published occurrence has, a webinar without a link, nonsense.
    for (const [body, field] of [
      [{ capacity: 1, title: { sv: 'Får inte komma med' } }, 'capacity'],
      [{ joinUrl: null }, 'joinUrl'],
      [{ durationMinutes: 2 }, 'durationMinutes'],
      [{ startsAt: '2030-01-01T10:00:00Z' }, 'startsAt'],
    ] as const) {
      const refused = await owner.request('PATCH', `/api/v1/event-series/${series.id}`, body);
      expect({ body, status: refused.status, names: (await refused.text()).includes(field) }).toEqual({ body, status: 400, names: true });
    }
    expect((await event(plain.eventId)).title).toEqual({ sv: 'Klimatwebbinarium', en: 'Climate webinar' });
    expect((await owner.request('PATCH', '/api/v1/event-series/no-such-series', { capacity: 3 })).status).toBe(404);

    const changed = await owner.request('PATCH', `/api/v1/event-series/${series.id}`, {
      title: { sv: 'Klimatbudget i praktiken', en: 'Climate budgets in practice' },
      capacity: 3,
      joinUrl: 'https://meet.example/new-room',
      durationMinutes: 90,
    });
    expect(changed.status).toBe(200);
    const after = (await changed.json()) as SeriesView & { changedOccurrences: string[] };
    expect(after.changedOccurrences).toEqual([own.eventId, plain.eventId, last.eventId]);
    expect(after).toMatchObject({ capacity: 3, durationMinutes: 90, joinUrl: 'https://meet.example/new-room', title: { sv: 'Klimatbudget i praktiken' } });
    // The occurrence keeps what it changed on its own and takes the rest; the one that is over is left as it was.
    expect(await event(own.eventId)).toMatchObject({ title: { sv: 'Eget tema' }, capacity: 5, joinUrl: 'https://meet.example/new-room', sequence: 2 });
    for (const occurrence of [plain, last]) {
      const now = await event(occurrence.eventId);
      expect(now).toMatchObject({ title: { sv: 'Klimatbudget i praktiken', en: 'Climate budgets in practice' }, capacity: 3, joinUrl: 'https://meet.example/new-room', startsAt: occurrence.startsAt, sequence: 1 });
      expect(new Date(now.endsAt).getTime() - new Date(now.startsAt).getTime()).toBe(90 * 60_000);
    }
    expect(await event(past.eventId)).toEqual(pastBefore);
    expect(after.occurrences.map((o) => o.overridden)).toEqual([[], ['title', 'capacity'], [], []]);
    // The join link is for confirmed participants: the public view of the series does not carry it.
    const publicView = await (await fetch(`${stack.gateway.url}/api/v1/networks/${slug}/series/${series.id}`)).text();
    expect(publicView).toContain('Klimatbudget i praktiken');
    expect(publicView).not.toContain('meet.example');

    // The new length is a new time: one reschedule email per changed occurrence, each with that occurrence's invite.
    const messages = await mailpit.waitForMessagesTo(participant, 6);
    const updates = messages.filter((message) => message.Subject.startsWith('Ny tid'));
    expect(updates.map((message) => message.Subject).sort()).toEqual(['Ny tid: Eget tema', 'Ny tid: Klimatbudget i praktiken', 'Ny tid: Klimatbudget i praktiken']);
    const invites = await Promise.all(
      updates.map(async (message) => {
        const part = calendarPart(await (await fetch(`${run.stack.mailpitUrl}/api/v1/message/${message.ID}/raw`)).text());
        const vevent = new ICAL.Component(ICAL.parse(part!.ics)).getFirstSubcomponent('vevent')!;
        const start = (vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().getTime();
        return {
          recurrenceId: (vevent.getFirstPropertyValue('recurrence-id') as ICAL.Time).toJSDate().toISOString(),
          minutes: ((vevent.getFirstPropertyValue('dtend') as ICAL.Time).toJSDate().getTime() - start) / 60_000,
        };
      }),
    );
    expect(invites.sort((a, b) => a.recurrenceId.localeCompare(b.recurrenceId))).toEqual([own, plain, last].map((o) => ({ recurrenceId: o.recurrenceId, minutes: 90 })));

    // The rule may only take occurrences away, and only those to come: ending a week earlier cancels the last one.
    const localDate = (occurrence: Occurrence) => new Date(occurrence.startsAt).toLocaleDateString('sv-SE', { timeZone: 'Europe/Oslo' });
    for (const [body, field] of [
      [{ rrule: 'FREQ=WEEKLY;COUNT=5' }, 'rrule'],
      [{ exceptions: [localDate(past)] }, 'exceptions'],
    ] as const) {
      const refused = await owner.request('PATCH', `/api/v1/event-series/${series.id}`, body);
      expect({ body, status: refused.status, names: (await refused.text()).includes(field) }).toEqual({ body, status: 400, names: true });
    }
    const shortened = await owner.request('PATCH', `/api/v1/event-series/${series.id}`, { rrule: 'FREQ=WEEKLY;COUNT=3' });
    expect(shortened.status).toBe(200);
    const ended = (await shortened.json()) as SeriesView & { cancelledOccurrences: string[]; calendarRrule: string };
    expect(ended.cancelledOccurrences).toEqual([last.eventId]);
    expect(ended.calendarRrule).toBe('FREQ=WEEKLY;COUNT=3');
    expect(ended.occurrences.map((o) => o.status)).toEqual(['published', 'published', 'published', 'cancelled']);
    const notice = (await mailpit.waitForMessagesTo(participant, 7)).find((message) => message.Subject.startsWith('Inställt'))!;
    expect(notice.Subject).toBe('Inställt: Klimatbudget i praktiken');
    const cancelPart = calendarPart(await (await fetch(`${run.stack.mailpitUrl}/api/v1/message/${notice.ID}/raw`)).text());
    expect(cancelPart?.contentType).toMatch(/method=CANCEL/i);
    const cancelled = new ICAL.Component(ICAL.parse(cancelPart!.ics)).getFirstSubcomponent('vevent')!;
    expect((cancelled.getFirstPropertyValue('recurrence-id') as ICAL.Time).toJSDate().toISOString()).toBe(last.recurrenceId);

    // A new time of day moves the occurrences to come on their own dates; each keeps its RECURRENCE-ID.
    const later = await owner.request('PATCH', `/api/v1/event-series/${series.id}`, { startTime: '13:15' });
    expect(later.status).toBe(200);
    expect(((await later.json()) as { changedOccurrences: string[]; startTime: string })).toMatchObject({ changedOccurrences: [own.eventId, plain.eventId], startTime: '13:15' });
    const localTime = (instant: string) => new Date(instant).toLocaleTimeString('sv-SE', { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit' });
    for (const occurrence of [own, plain]) {
      const now = await event(occurrence.eventId);
      expect({ time: localTime(now.startsAt), date: localDate({ ...occurrence, startsAt: now.startsAt }), minutes: (new Date(now.endsAt).getTime() - new Date(now.startsAt).getTime()) / 60_000 }).toEqual({
        time: '13:15',
        date: localDate(occurrence),
        minutes: 90,
      });
    }
    const moved = (await mailpit.waitForMessagesTo(participant, 9)).filter((message) => message.Subject.startsWith('Ny tid')).length;
    expect(moved).toBe(5);
  });
});
