import ICAL from 'ical.js';
import { DEMO_NETWORKS } from '@hub/demo-data';
import { MailpitClient, TestRun } from '@hub/testing';
import { RegistrationTokens } from '../../../apps/scheduling/src/network-events/registration-token';
import { GatewayClient } from '../../support/gateway-client';
import type { InProcessApp } from '../../support/in-process-app';
import { SchedulingStack, startSchedulingStack } from './scheduling-stack';
import { calendarPart, publishedEvent } from './scheduling-fixtures';

jest.setTimeout(120_000);

/** Confirmation, waitlist and cancellation emails end to end: scheduling → Kafka → delivery → SMTP → Mailpit. */
describe('scheduling: registration emails with calendar invites', () => {
  const run = new TestRun();
  const mailpit = new MailpitClient(run.stack.mailpitUrl);
  const tokens = new RegistrationTokens(run.env().LINK_SIGNING_SECRET);
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

  const raw = async (id: string) => (await fetch(`${run.stack.mailpitUrl}/api/v1/message/${id}/raw`)).text();

  it('sends the confirmation with a REQUEST invite, the waitlist a notice without one, and a cancellation a CANCEL', async () => {
    // The Saturday before the last Sunday of October: Stockholm is still on CEST (UTC+2), so 10:00 local is 08:00Z.
    const eventId = await publishedEvent(owner, {
      capacity: 1,
      title: { sv: 'Webbinarium om klimatbudget' },
      startsAt: '2027-10-30T08:00:00Z',
      endsAt: '2027-10-30T10:00:00Z',
      timeZone: 'Europe/Stockholm',
    });
    const confirmedAddress = run.email('confirmed');
    const waitingAddress = run.email('waiting');
    const register = async (email: string) =>
      (await (await owner.request('POST', `/api/v1/networks/${slug}/events/${eventId}/registrations`, { name: 'Kari Nordmann', email, language: 'sv', consent: true })).json()) as {
        registrationId: string;
        status: string;
      };
    const confirmed = await register(confirmedAddress);
    expect(confirmed.status).toBe('confirmed');
    expect((await register(waitingAddress)).status).toBe('waitlisted');

    const [confirmation] = await mailpit.waitForMessagesTo(confirmedAddress, 1);
    expect(confirmation.Subject).toBe('Du är anmäld: Webbinarium om klimatbudget');
    expect(confirmation.Text).toContain('https://meet.example/secret-room');
    expect(confirmation.Text).toContain('10:00');
    const invite = calendarPart(await raw(confirmation.ID));
    expect(invite?.contentType).toMatch(/method=REQUEST/i);
    const calendar = new ICAL.Component(ICAL.parse(invite!.ics));
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(vevent.getFirstPropertyValue('uid')).toBe(`${eventId}@hub.test`);
    expect(vevent.getFirstPropertyValue('sequence')).toBe(0);
    expect((vevent.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2027-10-30T08:00:00.000Z');
    expect(String(vevent.getFirstPropertyValue('organizer')).toLowerCase()).toBe('mailto:sekretariat@network.example');

    const [notice] = await mailpit.waitForMessagesTo(waitingAddress, 1);
    expect(notice.Subject).toBe('Du står på reservlistan: Webbinarium om klimatbudget');
    expect(notice.Text).not.toContain('secret-room');
    expect(calendarPart(await raw(notice.ID))).toBeNull();

    // The email's link opens the participant's own page, whose button cancels (a GET never does).
    const manageUrl = /http:\/\/hub\.test(\/registrations\/manage\?token=[^\s&]+)&lang=sv/.exec(confirmation.Text)![1];
    const token = decodeURIComponent(manageUrl.split('token=')[1]);
    expect(token).toBe(tokens.sign({ networkId: DEMO_NETWORKS.find((network) => network.slug === slug)!.id, registrationId: confirmed.registrationId }));
    const page = await (await fetch(`${gateway.url}${manageUrl}&lang=sv`)).text();
    expect(page).toContain('Du är anmäld.');
    expect(page).toContain('https://meet.example/secret-room');
    // "Add to calendar": the .ics (same UID as the invite) and the Google and Outlook forms.
    expect(page).toContain('Lägg till i kalendern');
    expect(page).toContain('https://calendar.google.com/calendar/render?action=TEMPLATE');
    expect(page).toContain('https://outlook.office.com/calendar/0/deeplink/compose?');
    const download = await fetch(`${gateway.url}/registrations/manage/calendar.ics?token=${encodeURIComponent(token)}`);
    expect(download.headers.get('content-type')).toContain('text/calendar');
    const downloaded = new ICAL.Component(ICAL.parse(await download.text())).getFirstSubcomponent('vevent')!;
    expect(downloaded.getFirstPropertyValue('uid')).toBe(`${eventId}@hub.test`);
    expect((downloaded.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2027-10-30T08:00:00.000Z');
    const cancelled = await fetch(`${gateway.url}/registrations/manage/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token, lang: 'sv' }).toString(),
    });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.text()).toContain('Du är avanmäld');
    expect((await fetch(`${gateway.url}/registrations/manage/calendar.ics?token=${encodeURIComponent(token)}`)).status).toBe(404);
    const cancellation = (await mailpit.waitForMessagesTo(confirmedAddress, 2)).find((message) => message.ID !== confirmation.ID)!;
    expect(cancellation.Subject).toBe('Anmälan är avbokad: Webbinarium om klimatbudget');
    const cancelPart = calendarPart(await raw(cancellation.ID));
    expect(cancelPart?.contentType).toMatch(/method=CANCEL/i);
    const cancelEvent = new ICAL.Component(ICAL.parse(cancelPart!.ics)).getFirstSubcomponent('vevent')!;
    expect(cancelEvent.getFirstPropertyValue('uid')).toBe(`${eventId}@hub.test`);

    // The waiting person got the freed seat, and the invite and join link with it.
    const messages = await mailpit.waitForMessagesTo(waitingAddress, 2);
    const promoted = messages.find((message) => message.Subject.startsWith('Du har fått en plats'))!;
    expect(promoted.Text).toContain('https://meet.example/secret-room');
    expect(calendarPart(await raw(promoted.ID))?.contentType).toMatch(/method=REQUEST/i);
  });

  it('sends every confirmed participant the moved invite with a higher SEQUENCE, and a CANCEL when the event is cancelled', async () => {
    const eventId = await publishedEvent(owner, { capacity: 1, title: { sv: 'Nätverksträff i Umeå' }, startsAt: '2027-03-27T09:00:00Z', endsAt: '2027-03-27T12:00:00Z', timeZone: 'Europe/Stockholm' });
    const seated = run.email('participant');
    const waiting = run.email('queued');
    for (const email of [seated, waiting]) {
      await owner.request('POST', `/api/v1/networks/${slug}/events/${eventId}/registrations`, { name: 'Sven Svensson', email, language: 'sv', consent: true });
    }
    await mailpit.waitForMessagesTo(seated, 1);
    await mailpit.waitForMessagesTo(waiting, 1);

    // Across the last Sunday of March: 10:00 in Stockholm is 09:00Z on the 27th and 08:00Z on the 29th.
    const moved = await owner.request('PATCH', `/api/v1/network-events/${eventId}`, { startsAt: '2027-03-29T08:00:00Z', endsAt: '2027-03-29T11:00:00Z' });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ sequence: 1, rescheduledAt: expect.any(String) });
    const update = (await mailpit.waitForMessagesTo(seated, 2)).find((message) => message.Subject.startsWith('Ny tid'))!;
    expect(update.Text).toContain('10:00');
    const updatePart = calendarPart(await raw(update.ID));
    expect(updatePart?.contentType).toMatch(/method=REQUEST/i);
    const updated = new ICAL.Component(ICAL.parse(updatePart!.ics)).getFirstSubcomponent('vevent')!;
    expect(updated.getFirstPropertyValue('uid')).toBe(`${eventId}@hub.test`);
    expect(updated.getFirstPropertyValue('sequence')).toBe(1);
    expect((updated.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().toISOString()).toBe('2027-03-29T08:00:00.000Z');

    const cancelled = await owner.request('POST', `/api/v1/network-events/${eventId}/transitions`, { to: 'cancelled' });
    expect(cancelled.status).toBe(200);
    const notice = (await mailpit.waitForMessagesTo(seated, 3)).find((message) => message.Subject.startsWith('Inställt'))!;
    const cancelPart = calendarPart(await raw(notice.ID));
    expect(cancelPart?.contentType).toMatch(/method=CANCEL/i);
    expect(new ICAL.Component(ICAL.parse(cancelPart!.ics)).getFirstSubcomponent('vevent')!.getFirstPropertyValue('sequence')).toBe(2);
    // Only seated people hear about the change; the waitlist got its notice and nothing more.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await mailpit.messagesTo(waiting)).toHaveLength(1);
  });
});
