import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { DEMO_NETWORKS } from '@hub/demo-data';
import { EventFactory, EventPublisher } from '@hub/messaging';
import { TestRun, waitFor } from '@hub/testing';
import { Registration } from '../../../apps/scheduling/src/network-events/registration.schema';
import { Seat } from '../../../apps/scheduling/src/network-events/seat.schema';
import { RetentionSweeper } from '../../../apps/scheduling/src/retention/retention.sweeper';
import { GatewayClient } from '../../support/gateway-client';
import type { InProcessApp } from '../../support/in-process-app';
import { SchedulingStack, startSchedulingStack } from './scheduling-stack';
import { publishedEvent } from './scheduling-fixtures';

jest.setTimeout(120_000);

const DAY = 86_400_000;

/** Personal data of registrations: gone after the network's retention period, or on erasure; the counts stay. */
describe('scheduling: per-network settings — retention, erasure, the planner', () => {
  const run = new TestRun();
  let stack: SchedulingStack;
  let scheduling: InProcessApp;
  let owner: GatewayClient;
  let slug: string;
  let networkId: string;

  beforeAll(async () => {
    stack = await startSchedulingStack(run, { delivery: false });
    ({ scheduling, owner, slug } = stack);
    networkId = DEMO_NETWORKS.find((network) => network.slug === slug)!.id;
  });

  afterAll(async () => {
    await stack?.close();
    await run.cleanup();
  });

  const register = async (eventId: string, email: string) =>
    ((await (await owner.request('POST', `/api/v1/networks/${slug}/events/${eventId}/registrations`, { name: 'Kari Nordmann', email, organisation: 'Umeå kommun', consent: true })).json()) as {
      registrationId: string;
      status: string;
    });
  const listed = async (eventId: string) =>
    ((await (await owner.request('GET', `/api/v1/network-events/${eventId}/registrations`)).json()) as { items: Array<{ name: string; email: string; organisation: string; status: string; attended: boolean }> })
      .items;

  it('anonymises registrations once the network’s retention period after the end has passed, keeping status and attendance', async () => {
    const endsAt = new Date('2027-02-01T11:00:00Z');
    const eventId = await publishedEvent(owner, { capacity: 2, startsAt: '2027-02-01T09:00:00Z', endsAt: endsAt.toISOString() });
    const first = await register(eventId, run.email('kept-1'));
    await register(eventId, run.email('kept-2'));
    await register(eventId, run.email('kept-3'));
    expect((await owner.request('POST', `/api/v1/network-events/${eventId}/registrations/${first.registrationId}/attendance`, { attended: true })).status).toBe(200);

    const bad = await owner.request('PATCH', '/api/v1/scheduling-settings', { retentionDays: 0 });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('retentionDays');
    const sweeper = scheduling.app.get(RetentionSweeper);
    expect(await sweeper.sweep(new Date(endsAt.getTime() + 89 * DAY))).toBe(0); // the default: 90 days
    expect((await owner.request('PATCH', '/api/v1/scheduling-settings', { retentionDays: 30 })).status).toBe(200);
    expect(await sweeper.sweep(new Date(endsAt.getTime() + 29 * DAY))).toBe(0);
    expect(await sweeper.sweep(new Date(endsAt.getTime() + 30 * DAY))).toBe(3);
    expect(await sweeper.sweep(new Date(endsAt.getTime() + 31 * DAY))).toBe(0);

    const items = await listed(eventId);
    expect(items.map((r) => [r.name, r.email, r.organisation, r.status, r.attended]).sort()).toEqual([
      ['', '', '', 'confirmed', false],
      ['', '', '', 'confirmed', true],
      ['', '', '', 'waitlisted', false],
    ]);
    // Nothing stored under an id derived from the address any more, and the seats still count.
    const registrations = scheduling.app.get<Model<Registration>>(getModelToken(Registration.name));
    expect(await registrations.countDocuments({ _id: first.registrationId })).toBe(0);
    expect(((await (await owner.request('GET', `/api/v1/network-events/${eventId}`)).json()) as { seatsTaken: number }).seatsTaken).toBe(2);
    const seats = await scheduling.app.get<Model<Seat>>(getModelToken(Seat.name)).find({ eventId }).lean<Seat[]>();
    expect(seats.every((seat) => seat.registrationId.startsWith('anon-'))).toBe(true);
  });

  it('cancels (quietly) and anonymises every registration of an erased contact in that network, giving their seat to the waitlist', async () => {
    const erased = run.email('erased');
    const other = await publishedEvent(owner, { capacity: 5 });
    const coming = await publishedEvent(owner, { capacity: 1 });
    await register(other, erased);
    await register(coming, erased);
    const waiting = run.email('waiting-for-the-seat');
    expect((await register(coming, waiting)).status).toBe('waitlisted');

    const event = scheduling.app.get(EventFactory).create('audience.contact.erased', { networkId, key: 'hash', payload: { contactId: null, email: erased.toUpperCase(), emailHash: 'hash' } });
    await scheduling.app.get(EventPublisher).publish([event]);
    await waitFor('the erasure to be handled', async () => ((await listed(coming)).some((r) => r.email === waiting && r.status === 'confirmed') ? true : undefined), { timeoutMs: 30_000 });
    expect((await listed(other)).map((r) => [r.email, r.name, r.status])).toEqual([['', '', 'cancelled']]);
    expect((await listed(coming)).map((r) => [r.email, r.status]).sort()).toEqual([
      ['', 'cancelled'],
      [waiting, 'confirmed'],
    ]);
  });

  it('plans the year from the network’s planner settings and turns accepted proposals into draft events', async () => {
    const bad = await owner.request('PATCH', '/api/v1/scheduling-settings', { planner: { meetings: { weekday: 'sunday' } } });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('planner');
    const planner = { meetings: { count: 2, months: [3, 9], weekday: 'tuesday', startTime: '09:00', durationMinutes: 180 }, blockedDates: ['2027-03-02'] };
    expect((await owner.request('PATCH', '/api/v1/scheduling-settings', { planner })).status).toBe(200);

    const planned = await owner.request('POST', '/api/v1/programme-proposals/from-settings', { year: 2027 });
    const { proposals } = (await planned.json()) as { proposals: Array<{ date: string; startsAt: string; endsAt: string; kind: string }> };
    // The first Tuesday of March 2027 is blocked; 09:00 in Stockholm (CET) is 08:00Z.
    expect(proposals.map((p) => [p.kind, p.date, p.startsAt])).toEqual([
      ['network-meeting', '2027-03-09', '2027-03-09T08:00:00.000Z'],
      ['network-meeting', '2027-09-07', '2027-09-07T07:00:00.000Z'],
    ]);

    const event = { title: { sv: 'Nätverksträff' }, venue: { name: 'Umeå' }, organiser: { name: 'Kansliet', email: 'kansli@network.example' }, capacity: 40 };
    const refused = await owner.request('POST', '/api/v1/programme-acceptances', { year: 2027, dates: ['2027-03-10'], event });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('dates.0');
    const accepted = await owner.request('POST', '/api/v1/programme-acceptances', { year: 2027, dates: ['2027-09-07'], event });
    expect(accepted.status).toBe(201);
    const { events } = (await accepted.json()) as { events: Array<{ id: string; status: string; kind: string; startsAt: string; endsAt: string }> };
    expect(events).toEqual([expect.objectContaining({ status: 'draft', kind: 'network-meeting', startsAt: '2027-09-07T07:00:00.000Z', endsAt: '2027-09-07T10:00:00.000Z' })]);
    expect((await owner.request('GET', `/api/v1/network-events/${events[0].id}`)).status).toBe(200);
  });
});
