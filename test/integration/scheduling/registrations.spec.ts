import { getModelToken } from '@nestjs/mongoose';
import ICAL from 'ical.js';
import type { Model } from 'mongoose';
import { loadConfig } from '@hub/config';
import { DEMO_NETWORKS } from '@hub/demo-data';
import { INTERNAL_SECRET_HEADER } from '@hub/http';
import { TestRun } from '@hub/testing';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { gatewayConfigSchema } from '../../../apps/gateway/src/gateway.config';
import { GatewayModule } from '../../../apps/gateway/src/gateway.module';
import { hardenGateway } from '../../../apps/gateway/src/security/http-hardening';
import { RegistrationTokens } from '../../../apps/scheduling/src/network-events/registration-token';
import { Registration } from '../../../apps/scheduling/src/network-events/registration.schema';
import { SeatReconciler } from '../../../apps/scheduling/src/network-events/seat.reconciler';
import { Seat } from '../../../apps/scheduling/src/network-events/seat.schema';
import { schedulingConfigSchema } from '../../../apps/scheduling/src/scheduling.config';
import { SchedulingModule } from '../../../apps/scheduling/src/scheduling.module';
import { GatewayClient } from '../../support/gateway-client';
import { InProcessApp, startInProcess } from '../../support/in-process-app';
import { eventBody, inPool, publishedEvent } from './scheduling-fixtures';

jest.setTimeout(300_000);

interface Registered {
  registrationId: string;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
}

/** Registration through the gateway against scheduling on FerretDB: capacity, waitlist, promotion, validation. */
describe('scheduling: registrations, seats and the waitlist', () => {
  const run = new TestRun();
  let scheduling: InProcessApp;
  let gateway: InProcessApp;
  let owner: GatewayClient;
  let slug: string;
  let networkId: string;
  const tokens = new RegistrationTokens(run.env().LINK_SIGNING_SECRET);

  beforeAll(async () => {
    scheduling = await startInProcess(SchedulingModule.forRoot(loadConfig(schedulingConfigSchema, run.env())));
    const env = run.env({ AUDIENCE_URL: 'http://127.0.0.1:9', SCHEDULING_URL: scheduling.url, SUBSCRIBE_RATE_LIMIT_PER_MINUTE: '100000', PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' });
    gateway = await startInProcess(GatewayModule.forRoot(loadConfig(gatewayConfigSchema, env)), hardenGateway);
    owner = new GatewayClient(gateway.url);
    expect((await owner.signIn(DEMO_COORDINATORS[0].email, DEMO_COORDINATORS[0].password)).status).toBe(200);
    const network = (await (await owner.request('GET', '/api/v1/network')).json()) as { slug: string };
    slug = network.slug;
    networkId = DEMO_NETWORKS.find((n) => n.slug === slug)!.id;
  });

  afterAll(async () => {
    await gateway?.close();
    await scheduling?.close();
    await run.cleanup();
  });

  const register = async (eventId: string, email: string, extra: Record<string, unknown> = {}, ip = '10.0.0.1'): Promise<Response> =>
    owner.withIp(ip).request('POST', `/api/v1/networks/${slug}/events/${eventId}/registrations`, { name: 'Kari Nordmann', email, consent: true, ...extra });

  /**
   * Straight to scheduling's internal API, as the gateway calls it: the burst is about the seats on FerretDB, and a
   * shared 2-core machine can push single answers past the gateway's 10 s upstream timeout.
   */
  const registerDirectly = (eventId: string, email: string): Promise<Response> =>
    fetch(`${scheduling.url}/internal/networks/${networkId}/network-events/${eventId}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_SECRET_HEADER]: run.env().INTERNAL_API_SECRET },
      body: JSON.stringify({ name: 'Kari Nordmann', email, language: 'sv', consent: true }),
    });

  const registered = async (eventId: string, email: string): Promise<Registered> => {
    const response = await register(eventId, email);
    if (response.status !== 200) throw new Error(`register answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Registered;
  };

  const registrations = async (eventId: string) =>
    ((await (await owner.request('GET', `/api/v1/network-events/${eventId}/registrations`)).json()) as { items: Array<{ id: string; email: string; status: string }> }).items;

  it('confirms exactly 100 of 1 000 concurrent registrations for 100 seats and waitlists the rest, nobody twice', async () => {
    const eventId = await publishedEvent(owner, { capacity: 100 });
    const latencies: number[] = [];
    const started = Date.now();
    const answers = await inPool(
      50,
      Array.from({ length: 1_000 }, (_, i) => async () => {
        const before = performance.now();
        const response = await registerDirectly(eventId, run.email(`burst-${i}`));
        latencies.push(performance.now() - before);
        expect(response.status).toBe(200);
        return (await response.json()) as Registered;
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]);
    console.log(`burst (scheduling on FerretDB, 50 clients): 1000 registrations in ${seconds.toFixed(1)} s = ${Math.round(1000 / seconds)}/s, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`);

    expect(answers.filter((a) => a.status === 'confirmed')).toHaveLength(100);
    expect(answers.filter((a) => a.status === 'waitlisted')).toHaveLength(900);
    expect(new Set(answers.map((a) => a.registrationId)).size).toBe(1_000);
    const seats = await scheduling.app.get<Model<Seat>>(getModelToken(Seat.name)).find({ eventId }).lean<Seat[]>();
    expect(seats).toHaveLength(100);
    expect(new Set(seats.map((s) => s.seat)).size).toBe(100);
    expect(Math.max(...seats.map((s) => s.seat))).toBeLessThanOrEqual(100);
    expect(new Set(seats.map((s) => s.registrationId))).toEqual(new Set(answers.filter((a) => a.status === 'confirmed').map((a) => a.registrationId)));
    const stored = await registrations(eventId);
    expect(stored.filter((r) => r.status === 'confirmed')).toHaveLength(100);
    expect(stored.filter((r) => r.status === 'waitlisted')).toHaveLength(900);

    const again = await registered(eventId, run.email('burst-7'));
    expect(again).toEqual(answers[7]);
  });

  it('promotes the first waiting person when a participant cancels, and more when the capacity grows', async () => {
    const eventId = await publishedEvent(owner, { capacity: 2 });
    const people: Registered[] = [];
    for (const name of ['a', 'b', 'c', 'd', 'e']) people.push(await registered(eventId, run.email(`queue-${name}`)));
    expect(people.map((p) => p.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted', 'waitlisted']);

    const token = tokens.sign({ networkId, registrationId: people[0].registrationId });
    const cancel = await new GatewayClient(gateway.url).request('POST', '/api/v1/registrations/cancellations', { token });
    expect(await cancel.json()).toEqual({ outcome: 'cancelled' });
    const cancelAgain = await new GatewayClient(gateway.url).request('POST', '/api/v1/registrations/cancellations', { token });
    expect(await cancelAgain.json()).toEqual({ outcome: 'already-cancelled' });
    const statusOf = async () => {
      const stored = await registrations(eventId);
      return people.map((p) => stored.find((r) => r.id === p.registrationId)!.status);
    };
    expect(await statusOf()).toEqual(['cancelled', 'confirmed', 'confirmed', 'waitlisted', 'waitlisted']);

    const own = (await (await new GatewayClient(gateway.url).request('POST', '/api/v1/registrations/lookups', {
      token: tokens.sign({ networkId, registrationId: people[2].registrationId }),
    })).json()) as { registration: { status: string }; event: { joinUrl: string | null } };
    expect(own.registration.status).toBe('confirmed');
    expect(own.event.joinUrl).toBe('https://meet.example/secret-room');

    const grown = await owner.request('PATCH', `/api/v1/network-events/${eventId}`, { capacity: 3 });
    expect(grown.status).toBe(200);
    expect(await grown.json()).toMatchObject({ capacity: 3, seatsTaken: 3, waitlisted: 1, sequence: 1 });
    expect(await statusOf()).toEqual(['cancelled', 'confirmed', 'confirmed', 'confirmed', 'waitlisted']);
    const csv = await (await owner.request('GET', `/api/v1/network-events/${eventId}/registrations/export`)).text();
    expect(csv.trimEnd().split('\r\n')).toHaveLength(6);
    expect(csv).toContain(run.email('queue-e'));

    const shrunk = await owner.request('PATCH', `/api/v1/network-events/${eventId}`, { capacity: 1 });
    expect(shrunk.status).toBe(400);
    expect(await shrunk.text()).toContain('capacity');

    const waiting = (await (await new GatewayClient(gateway.url).request('POST', '/api/v1/registrations/lookups', {
      token: tokens.sign({ networkId, registrationId: people[4].registrationId }),
    })).json()) as { event: { joinUrl: string | null } };
    expect(waiting.event.joinUrl).toBeNull();
  });

  it('lists published public events without their join URL, and hides drafts', async () => {
    const eventId = await publishedEvent(owner, { capacity: 5 });
    const draft = (await (await owner.request('POST', '/api/v1/network-events', eventBody())).json()) as { id: string };
    const list = (await (await fetch(`${gateway.url}/api/v1/networks/${slug}/events`)).json()) as { items: Array<{ id: string }> };
    expect(list.items.map((e) => e.id)).toContain(eventId);
    expect(list.items.map((e) => e.id)).not.toContain(draft.id);
    expect(JSON.stringify(list)).not.toContain('secret-room');
    expect((await fetch(`${gateway.url}/api/v1/networks/${slug}/events/${draft.id}`)).status).toBe(404);
    expect((await register(draft.id, run.email('draft'))).status).toBe(404);

    const feed = await fetch(`${gateway.url}/api/v1/networks/${slug}/calendar.ics`);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const uids = calendar.getAllSubcomponents('vevent').map((vevent) => vevent.getFirstPropertyValue('uid'));
    expect(uids).toContain(`${eventId}@hub.test`);
    expect(uids).not.toContain(`${draft.id}@hub.test`);
  });

  it('answers 400 naming the field for bad input, and 404 for another network’s event', async () => {
    const bad = await owner.request('POST', '/api/v1/network-events', eventBody({ timeZone: 'Mars/Olympus', capacity: 0 }));
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { message: string };
    expect(problem.message).toContain('timeZone');
    expect(problem.message).toContain('capacity');

    const noVenue = await owner.request('POST', '/api/v1/network-events', eventBody({ kind: 'gathering' }));
    expect(noVenue.status).toBe(400);
    expect(await noVenue.text()).toContain('venue');

    const eventId = await publishedEvent(owner, {
      capacity: 5,
      questions: [
        { id: 'diet', kind: 'choice', label: { nb: 'Kost' }, required: true, options: [{ id: 'vegan', label: { nb: 'Vegansk' } }, { id: 'none', label: { nb: 'Ingen' } }] },
        { id: 'photo', kind: 'consent', label: { nb: 'Foto' }, required: false },
      ],
    });
    const noEmail = await register(eventId, 'not-an-address');
    expect(noEmail.status).toBe(400);
    expect(await noEmail.text()).toContain('email');
    const badAnswer = await register(eventId, run.email('answers'), { answers: { diet: 'meat', extra: 'x' } });
    expect(badAnswer.status).toBe(400);
    const answerText = await badAnswer.text();
    expect(answerText).toContain('answers.diet');
    expect(answerText).toContain('answers.extra');
    expect((await register(eventId, run.email('answers'), { answers: { diet: 'vegan', photo: true } })).status).toBe(200);

    const otherSlug = DEMO_NETWORKS.find((n) => n.slug !== slug)!.slug;
    expect((await fetch(`${gateway.url}/api/v1/networks/${otherSlug}/events/${eventId}`)).status).toBe(404);
    const elsewhere = await owner.request('POST', `/api/v1/networks/${otherSlug}/events/${eventId}/registrations`, { name: 'X', email: run.email('x'), consent: true });
    expect(elsewhere.status).toBe(404);
  });

  it('proposes a year’s programme in the network’s country through the gateway', async () => {
    const response = await owner.request('POST', '/api/v1/programme-proposals', { year: 2027, gathering: {} });
    expect(response.status).toBe(200);
    const { proposals } = (await response.json()) as { proposals: Array<{ kind: string; timeZone: string }> };
    expect(proposals.map((p) => p.kind)).toEqual(['network-meeting', 'network-meeting', 'network-meeting', 'gathering']);
    const bad = await owner.request('POST', '/api/v1/programme-proposals', { year: 'next' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('year');
  });

  it('holds registrations of an approval event as pending until a coordinator decides, and checks in only the seated', async () => {
    const eventId = await publishedEvent(owner, { capacity: 1, approvalRequired: true });
    const [first, second, third] = [await registered(eventId, run.email('approve-1')), await registered(eventId, run.email('approve-2')), await registered(eventId, run.email('approve-3'))];
    expect([first.status, second.status, third.status]).toEqual(['pending', 'pending', 'pending']);
    const decide = (registrationId: string, approve: boolean) => owner.request('POST', `/api/v1/network-events/${eventId}/registrations/${registrationId}/decision`, { approve });
    expect(await (await decide(first.registrationId, true)).json()).toMatchObject({ status: 'confirmed', seat: 1 });
    expect(await (await decide(second.registrationId, true)).json()).toMatchObject({ status: 'waitlisted' });
    expect(await (await decide(third.registrationId, false)).json()).toMatchObject({ status: 'cancelled' });
    expect((await decide(third.registrationId, true)).status).toBe(409);
    expect((await decide('no-such-registration', true)).status).toBe(404);

    const checkIn = (registrationId: string) => owner.request('POST', `/api/v1/network-events/${eventId}/registrations/${registrationId}/attendance`, { attended: true });
    expect(await (await checkIn(first.registrationId)).json()).toMatchObject({ status: 'confirmed', attended: true });
    expect((await checkIn(second.registrationId)).status).toBe(409);
  });

  it('fills a seat another process freed while the event looked full here, and renews a cancelled registration on the waitlist', async () => {
    const eventId = await publishedEvent(owner, { capacity: 1 });
    const first = await registered(eventId, run.email('elsewhere-1'));
    const second = await registered(eventId, run.email('elsewhere-2'));
    expect([first.status, second.status]).toEqual(['confirmed', 'waitlisted']);
    // What another scheduling process leaves when its promotion ran before the second's waitlist write landed here:
    // the first cancelled, its seat free, nobody promoted.
    await scheduling.app.get<Model<Registration>>(getModelToken(Registration.name)).updateOne({ _id: first.registrationId }, { $set: { status: 'cancelled', seat: null } });
    await scheduling.app.get<Model<Seat>>(getModelToken(Seat.name)).deleteOne({ registrationId: first.registrationId });
    expect(await scheduling.app.get(SeatReconciler).reconcile()).toBe(0);
    const stored = await registrations(eventId);
    expect(stored.find((r) => r.id === second.registrationId)?.status).toBe('confirmed');

    // The first registers again while the event is full: the same registration, back at the end of the waitlist.
    expect(await registered(eventId, run.email('elsewhere-1'))).toEqual({ registrationId: first.registrationId, status: 'waitlisted' });
    expect(await registered(eventId, run.email('elsewhere-2'))).toEqual({ registrationId: second.registrationId, status: 'confirmed' });
  });

  it('frees a seat left behind by a crash between the seat and the registration, and promotes the waitlist into it', async () => {
    const eventId = await publishedEvent(owner, { capacity: 1 });
    const seats = scheduling.app.get<Model<Seat>>(getModelToken(Seat.name));
    // What a process killed right after taking seat 1 leaves: a seat whose registration was never written.
    await seats.create({ _id: `${eventId}/1`, eventId, networkId, seat: 1, registrationId: 'never-written', takenAt: new Date(Date.now() - 5 * 60_000) });
    const waiting = await registered(eventId, run.email('after-crash'));
    expect(waiting.status).toBe('waitlisted');
    expect(await scheduling.app.get(SeatReconciler).reconcile()).toBe(1);
    const stored = await registrations(eventId);
    expect(stored.find((r) => r.id === waiting.registrationId)?.status).toBe('confirmed');
  });
});
