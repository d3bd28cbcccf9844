import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { DEMO_NETWORKS } from '@hub/demo-data';
import { TestRun } from '@hub/testing';
import { RegistrationTokens } from '../../../apps/scheduling/src/network-events/registration-token';
import { ReminderClaim } from '../../../apps/scheduling/src/reminders/reminder-claim.schema';
import { RemindersSweeper } from '../../../apps/scheduling/src/reminders/reminders.sweeper';
import { GatewayClient } from '../../support/gateway-client';
import type { InProcessApp } from '../../support/in-process-app';
import { SchedulingStack, startSchedulingStack } from './scheduling-stack';
import { publishedEvent } from './scheduling-fixtures';

jest.setTimeout(120_000);

/** Reminder sweeps at chosen moments: due in the event's zone, once each, moved with the event, never when cancelled. */
describe('scheduling: reminders', () => {
  const run = new TestRun();
  let stack: SchedulingStack;
  let scheduling: InProcessApp;
  let owner: GatewayClient;
  let slug: string;

  beforeAll(async () => {
    stack = await startSchedulingStack(run, { delivery: false, schedulingEnv: { REMINDER_SWEEP_INTERVAL_SECONDS: '3600' } });
    ({ scheduling, owner, slug } = stack);
  });

  afterAll(async () => {
    await stack?.close();
    await run.cleanup();
  });

  it('reminds confirmed participants once per offset, at local time across DST, follows a move, and stops when cancelled', async () => {
    const sweeper = scheduling.app.get(RemindersSweeper);
    const claims = scheduling.app.get<Model<ReminderClaim>>(getModelToken(ReminderClaim.name));
    // Sunday 28 March 2027, 10:00 in Oslo, the morning DST began: 08:00Z. One day before is 10:00 CET, 09:00Z.
    const eventId = await publishedEvent(owner, { capacity: 10, startsAt: '2027-03-28T08:00:00Z', endsAt: '2027-03-28T10:00:00Z', timeZone: 'Europe/Oslo' });
    const register = async (email: string) =>
      ((await (await owner.request('POST', `/api/v1/networks/${slug}/events/${eventId}/registrations`, { name: 'Ola', email, consent: true })).json()) as { registrationId: string })
        .registrationId;
    const staying = await register(run.email('staying'));
    const leaving = await register(run.email('leaving'));
    const networkId = DEMO_NETWORKS.find((network) => network.slug === slug)!.id;
    const token = new RegistrationTokens(run.env().LINK_SIGNING_SECRET).sign({ networkId, registrationId: leaving });
    expect((await owner.request('POST', '/api/v1/registrations/cancellations', { token })).status).toBe(200);

    expect(await sweeper.sweep(new Date('2027-03-21T08:59:00Z'))).toBe(0); // a minute before 7 days at 10:00 CET
    expect(await sweeper.sweep(new Date('2027-03-21T09:00:00Z'))).toBe(1);
    expect(await sweeper.sweep(new Date('2027-03-21T09:30:00Z'))).toBe(0);
    expect(await sweeper.sweep(new Date('2027-03-27T08:59:00Z'))).toBe(0); // 24 h before is not yet "one day before"
    expect(await sweeper.sweep(new Date('2027-03-27T09:00:00Z'))).toBe(1);
    const sent = await claims.find({ eventId }).lean<ReminderClaim[]>();
    expect(sent.map((claim) => [claim.registrationId, claim.offset]).sort()).toEqual([
      [staying, 'P1D'],
      [staying, 'P7D'],
    ]);

    // Moved a week on: the one-day reminder falls due again, at the new time.
    expect((await owner.request('PATCH', `/api/v1/network-events/${eventId}`, { startsAt: '2027-04-04T08:00:00Z', endsAt: '2027-04-04T10:00:00Z' })).status).toBe(200);
    expect(await sweeper.sweep(new Date('2027-03-27T10:00:00Z'))).toBe(0);
    expect(await sweeper.sweep(new Date('2027-04-03T08:00:00Z'))).toBe(1);

    expect((await owner.request('POST', `/api/v1/network-events/${eventId}/transitions`, { to: 'cancelled' })).status).toBe(200);
    expect(await sweeper.sweep(new Date('2027-04-04T07:00:00Z'))).toBe(0);
    expect(await claims.countDocuments({ eventId, registrationId: leaving })).toBe(0);
  });

  it('uses the network’s own reminder offsets, validated through the gateway', async () => {
    const sweeper = scheduling.app.get(RemindersSweeper);
    expect(await (await owner.request('GET', '/api/v1/scheduling-settings')).json()).toMatchObject({ reminderOffsets: ['P7D', 'P1D', 'PT1H'], retentionDays: 90 });
    for (const reminderOffsets of [['P1X'], ['PT5M'], ['P2D', 'P2D'], ['P31D']]) {
      const bad = await owner.request('PATCH', '/api/v1/scheduling-settings', { reminderOffsets });
      expect(bad.status).toBe(400);
      expect(await bad.text()).toContain('reminderOffsets');
    }
    const changed = await owner.request('PATCH', '/api/v1/scheduling-settings', { reminderOffsets: ['p2d', 'PT2H'] });
    expect(await changed.json()).toMatchObject({ reminderOffsets: ['P2D', 'PT2H'], retentionDays: 90 });

    // Tuesday 15 June 2027, 10:00 in Oslo (08:00Z).
    const eventId = await publishedEvent(owner, { capacity: 10, startsAt: '2027-06-15T08:00:00Z', endsAt: '2027-06-15T09:00:00Z', timeZone: 'Europe/Oslo' });
    await owner.request('POST', `/api/v1/networks/${slug}/events/${eventId}/registrations`, { name: 'Ola', email: run.email('own-offsets'), consent: true });
    expect(await sweeper.sweep(new Date('2027-06-08T08:00:00Z'))).toBe(0); // P7D is no longer one of them
    expect(await sweeper.sweep(new Date('2027-06-13T08:00:00Z'))).toBe(1);
    expect(await sweeper.sweep(new Date('2027-06-14T08:00:00Z'))).toBe(0); // nor is P1D
    expect(await sweeper.sweep(new Date('2027-06-15T06:00:00Z'))).toBe(1);
    const claims = scheduling.app.get<Model<ReminderClaim>>(getModelToken(ReminderClaim.name));
    expect((await claims.find({ eventId }).lean<ReminderClaim[]>()).map((claim) => claim.offset).sort()).toEqual(['P2D', 'PT2H']);
  });
});
