import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { expandRecurringCalendar, MailpitClient, TestRun } from '@hub/testing';
import { GatewayClient } from '../../support/gateway-client';
import type { InProcessApp } from '../../support/in-process-app';
import { SchedulingStack, startSchedulingStack } from './scheduling-stack';
import { calendarPart, eventBody, publishedEvent } from './scheduling-fixtures';

jest.setTimeout(180_000);

interface SeriesView {
  id: string;
  occurrences: Array<{ eventId: string; recurrenceId: string; startsAt: string; status: string }>;
}

/** A recurring webinar series through the gateway: occurrences across DST, per-occurrence changes, registration, ICS. */
describe('scheduling: webinar series (RRULE), coordinators’ changes, members-only events', () => {
  const run = new TestRun();
  const mailpit = new MailpitClient(run.stack.mailpitUrl);
  let stack: SchedulingStack;
  let gateway: InProcessApp;
  let owner: GatewayClient;
  let slug: string;

  beforeAll(async () => {
    stack = await startSchedulingStack(run, { delivery: true });
    ({ gateway, owner, slug } = stack);
  });

  afterAll(async () => {
    await stack?.close();
    await run.cleanup();
  });

  const { startsAt: _s, endsAt: _e, ...template } = eventBody({ capacity: 1 });
  const seriesBody = (overrides: Record<string, unknown> = {}) => ({
    ...template,
    firstStartsAt: '2027-03-16T10:00',
    durationMinutes: 60,
    rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270511',
    exceptions: ['2027-04-13'],
    ...overrides,
  });

  it('keeps 10:00 Oslo time across DST, moves and cancels single occurrences, registers for all, and writes RRULE/EXDATE/RECURRENCE-ID', async () => {
    const created = await owner.request('POST', '/api/v1/event-series', seriesBody());
    expect(created.status).toBe(201);
    const series = (await created.json()) as SeriesView;
    // Every second Tuesday from 16 March; 13 April skipped; 10:00 is 09:00Z in CET and 08:00Z from 28 March (CEST).
    expect(series.occurrences.map((o) => [o.startsAt, o.status])).toEqual([
      ['2027-03-16T09:00:00.000Z', 'draft'],
      ['2027-03-30T08:00:00.000Z', 'draft'],
      ['2027-04-27T08:00:00.000Z', 'draft'],
      ['2027-05-11T08:00:00.000Z', 'draft'],
    ]);
    expect((await fetch(`${gateway.url}/api/v1/networks/${slug}/series/${series.id}`)).status).toBe(404);

    const published = await owner.request('POST', `/api/v1/event-series/${series.id}/transitions`, { to: 'published' });
    expect(((await published.json()) as SeriesView).occurrences.map((o) => o.status)).toEqual(['published', 'published', 'published', 'published']);
    const [first, second, third, fourth] = series.occurrences;
    // One occurrence moves to Wednesday 12:00, another is cancelled; both through the ordinary event API.
    expect((await owner.request('PATCH', `/api/v1/network-events/${second.eventId}`, { startsAt: '2027-03-31T10:00:00Z', endsAt: '2027-03-31T11:00:00Z' })).status).toBe(200);
    expect((await owner.request('POST', `/api/v1/network-events/${third.eventId}/transitions`, { to: 'cancelled' })).status).toBe(200);

    const whole = run.email('whole-series');
    const later = run.email('later');
    const registerSeries = async (email: string) => {
      const response = await owner.request('POST', `/api/v1/networks/${slug}/series/${series.id}/registrations`, { name: 'Kari Nordmann', email, language: 'sv', consent: true });
      expect(response.status).toBe(200);
      return ((await response.json()) as { registrations: Array<{ eventId: string; status: string }> }).registrations;
    };
    expect(await registerSeries(whole)).toEqual([
      expect.objectContaining({ eventId: first.eventId, status: 'confirmed' }),
      expect.objectContaining({ eventId: second.eventId, status: 'confirmed' }),
      expect.objectContaining({ eventId: fourth.eventId, status: 'confirmed' }),
    ]);
    // One seat per occurrence: the next person waits for each, and registering again changes nothing.
    expect((await registerSeries(later)).map((r) => r.status)).toEqual(['waitlisted', 'waitlisted', 'waitlisted']);
    expect((await registerSeries(whole)).map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    // A single occurrence is registered for like any event.
    const single = await owner.request('POST', `/api/v1/networks/${slug}/events/${fourth.eventId}/registrations`, { name: 'Ola', email: run.email('single'), consent: true });
    expect(((await single.json()) as { status: string }).status).toBe('waitlisted');

    const ics = await (await fetch(`${gateway.url}/api/v1/networks/${slug}/series/${series.id}/calendar.ics`)).text();
    expect(ics).toContain('RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=5');
    expect(ics).not.toContain('secret-room');
    expect(expandRecurringCalendar(ics)).toEqual([
      { start: '2027-03-16T09:00:00.000Z', recurrenceId: null },
      { start: '2027-03-31T10:00:00.000Z', recurrenceId: '2027-03-30T08:00:00.000Z' },
      { start: '2027-05-11T08:00:00.000Z', recurrenceId: null },
    ]);

    // Each confirmation's invite is the series' instance, so it joins the series entry in the calendar.
    const confirmations = await mailpit.waitForMessagesTo(whole, 3);
    const instances = await Promise.all(
      confirmations.map(async (message) => {
        const part = calendarPart(await (await fetch(`${run.stack.mailpitUrl}/api/v1/message/${message.ID}/raw`)).text());
        const vevent = new ICAL.Component(ICAL.parse(part!.ics)).getFirstSubcomponent('vevent')!;
        return [String(vevent.getFirstPropertyValue('uid')), (vevent.getFirstPropertyValue('recurrence-id') as ICAL.Time).toJSDate().toISOString()];
      }),
    );
    expect(instances.sort((a, b) => a[1].localeCompare(b[1]))).toEqual([
      [`${series.id}@hub.test`, '2027-03-16T09:00:00.000Z'],
      [`${series.id}@hub.test`, '2027-03-30T08:00:00.000Z'],
      [`${series.id}@hub.test`, '2027-05-11T08:00:00.000Z'],
    ]);
  });

  it('lets a coordinator add people (quietly or not) and move them between events, keeping every capacity', async () => {
    const from = await publishedEvent(owner, { capacity: 1, questions: [{ id: 'diet', kind: 'text', label: { nb: 'Kost' }, required: true }] });
    const to = await publishedEvent(owner, { capacity: 1 });
    const [quiet, loud, other] = [run.email('added-quietly'), run.email('added'), run.email('other')];
    const add = (eventId: string, body: Record<string, unknown>) => owner.request('POST', `/api/v1/network-events/${eventId}/registrations`, { name: 'Per Persson', ...body });
    // A required question may stay open when a coordinator adds someone (e.g. by phone).
    const added = await add(from, { email: quiet, notify: false });
    expect(added.status).toBe(200);
    const moving = (await added.json()) as { id: string; status: string };
    expect(moving.status).toBe('confirmed');
    expect(((await (await add(from, { email: loud })).json()) as { status: string }).status).toBe('waitlisted');
    expect((await owner.request('POST', `/api/v1/networks/${slug}/events/${to}/registrations`, { name: 'Ola', email: other, consent: true, answers: {} })).status).toBe(200);
    expect((await add(from, { email: 'not-an-address' })).status).toBe(400);

    const move = (body: Record<string, unknown>) => owner.request('POST', `/api/v1/network-events/${from}/registrations/${moving.id}/move`, body);
    expect((await move({ toEventId: from })).status).toBe(409);
    const nowhere = await move({ toEventId: 'no-such-event' });
    expect(nowhere.status).toBe(409);
    expect(await nowhere.text()).toContain('toEventId');
    const moved = await move({ toEventId: to });
    expect(moved.status).toBe(200);
    // The target is full, so the moved person waits there; the seat left behind goes to the head of that waitlist.
    expect(await moved.json()).toMatchObject({ eventId: to, email: quiet, status: 'waitlisted' });
    const statuses = async (eventId: string) =>
      Object.fromEntries(((await (await owner.request('GET', `/api/v1/network-events/${eventId}/registrations`)).json()) as { items: Array<{ email: string; status: string }> }).items.map((r) => [r.email, r.status]));
    expect(await statuses(from)).toEqual({ [quiet]: 'cancelled', [loud]: 'confirmed' });
    expect(await statuses(to)).toEqual({ [other]: 'confirmed', [quiet]: 'waitlisted' });
    expect(((await (await owner.request('GET', `/api/v1/network-events/${from}`)).json()) as { seatsTaken: number }).seatsTaken).toBe(1);
    const xlsx = await owner.request('GET', `/api/v1/network-events/${from}/registrations/export.xlsx`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const rows = (workbook.getWorksheet('Participants')!.getSheetValues() as unknown[][]).filter(Boolean).map((row) => [row[1], row[3]]);
    expect(rows).toEqual([['status', 'email'], ['cancelled', quiet], ['confirmed', loud]]);

    // The quiet add sent nothing; the move (notify by default) told them of the waitlist and of the cancelled seat.
    await mailpit.waitForMessagesTo(loud, 2);
    const told = await mailpit.waitForMessagesTo(quiet, 2);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await mailpit.messagesTo(quiet)).length).toBe(2);
    expect(told.map((message) => message.Subject.split(':')[0]).sort()).toEqual(['Anmälan är avbokad', 'Du står på reservlistan']);
  });

  it('lets only people from the network’s current member organisations register for a members-only event', async () => {
    const eventId = await publishedEvent(owner, { capacity: 10, visibility: 'members' });
    const membership = async (name: string, terms: Record<string, unknown>) => {
      const response = await owner.request('POST', '/api/v1/memberships', { organisation: { name: `${name} ${run.id}`, kind: 'other', country: 'SE' }, ...terms });
      expect(response.status).toBe(201);
      return ((await response.json()) as { organisation: { id: string; name: string } }).organisation;
    };
    const member = await membership('Medlem', { status: 'member', joinedOn: '2025-01-01' });
    const former = await membership('Observatör', { status: 'observer', joinedOn: '2024-01-01', observerUntil: '2024-12-31' });
    const register = (email: string, extra: Record<string, unknown>) =>
      owner.request('POST', `/api/v1/networks/${slug}/events/${eventId}/registrations`, { name: 'Kari', email, consent: true, organisation: 'typed by hand', ...extra });

    const without = await register(run.email('no-organisation'), {});
    expect(without.status).toBe(403);
    expect(await without.text()).toContain('organisationId');
    for (const organisationId of [former.id, 'no-such-organisation']) {
      const refused = await register(run.email('not-member'), { organisationId });
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('organisationId');
    }
    // The membership cannot be claimed by the form itself.
    expect((await register(run.email('claims'), { membership: { organisationId: member.id, organisationName: member.name } })).status).toBe(403);
    const accepted = await register(run.email('member'), { organisationId: member.id });
    expect(await accepted.json()).toMatchObject({ status: 'confirmed' });
    const listed = ((await (await owner.request('GET', `/api/v1/network-events/${eventId}/registrations`)).json()) as { items: Array<{ organisation: string }> }).items;
    expect(listed.map((r) => r.organisation)).toEqual([member.name]);
  });

  it.each([
    [{ rrule: 'FREQ=WEEKLY;BYDAY=TU' }, 'rrule'],
    [{ firstStartsAt: '2027-03-17T10:00' }, 'firstStartsAt'],
    [{ exceptions: ['2027-04-14'] }, 'exceptions'],
    [{ firstStartsAt: '16.03.2027 10:00' }, 'firstStartsAt'],
  ])('answers 400 naming the field for %j', async (overrides, field) => {
    const response = await owner.request('POST', '/api/v1/event-series', seriesBody(overrides));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain(field);
  });
});
