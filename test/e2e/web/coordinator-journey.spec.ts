import type { Page } from 'playwright-core';
import { LANGUAGES, type Language, type NetworkEventView, type ProgrammeProposals } from '@hub/contracts';
import { MailpitClient, TestRun } from '@hub/testing';
import { consoleWord as word, expectJson as json } from '../../support/console-words';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { expectNoAxeViolations, launchBrowser, saveScreenshot, TestBrowser } from '../../support/browser';
import { GatewayClient } from '../../support/gateway-client';
import { HubProcesses } from '../../support/hub-processes';
import { startSlowly } from '../../integration/campaigns/start-slowly';

jest.setTimeout(900_000);

const [owner, coordinator, viewer] = DEMO_COORDINATORS;
const YEAR = 2027;

/**
 * The coordinator journey in real Chromium against all five services as processes on the real stack: sign
 * in → plan the year on the calendar and accept a proposal → create and publish a webinar in the event editor → set
 * the postal address → write and send a newsletter → watch the progress bar finish. Then invitations from the
 * coordinators page, and axe-core (WCAG 2.1 A/AA) on every new page in every language, empty, filled and refused.
 */
describe('coordinator journey in the console', () => {
  const run = new TestRun();
  const hub = new HubProcesses(run);
  const mailpit = new MailpitClient(run.stack.mailpitUrl);
  let api: GatewayClient;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let listId: string;
  let plan: ProgrammeProposals;
  let blocked: string;
  let webinarId: string;

  const heading = () => page.locator('h1').innerText();
  const open = async (path: string, status = 200) => {
    const response = await page.goto(`${base}${path}`);
    expect(response?.status()).toBe(status);
  };
  const submit = (form: string, url: RegExp) => Promise.all([page.waitForURL(url), page.click(`${form} button[type=submit]`)]);
  const eventList = async () => (await json<{ items: NetworkEventView[] }>(api.request('GET', '/api/v1/network-events'))).items;

  beforeAll(async () => {
    await startSlowly(hub, ['gateway', 'audience', 'scheduling', 'campaigns', 'delivery'], { SEND_SWEEP_INTERVAL_SECONDS: '1' });
    base = hub.url('gateway');
    api = new GatewayClient(base);
    expect((await api.signIn(owner.email, owner.password)).status).toBe(200);
    // Every page is seen with all six languages' fields, as a network offering them all would show it.
    await json(api.request('PATCH', '/api/v1/network', { languages: ['sv', 'nb', 'nn', 'da', 'fi', 'en'] }));
    // The pre-Christmas gathering on, and the date the planner would pick for the first meeting blocked: the plan
    // then has to pass it over, and say so.
    await json(api.request('PATCH', '/api/v1/scheduling-settings', { planner: { gathering: { weekday: 'thursday', startTime: '10:00', durationMinutes: 420 } } }));
    const first = await json<ProgrammeProposals>(api.request('POST', '/api/v1/programme-proposals/from-settings', { year: YEAR }));
    blocked = first.proposals[0].date;
    await json(api.request('PATCH', '/api/v1/scheduling-settings', { planner: { gathering: { weekday: 'thursday', startTime: '10:00', durationMinutes: 420 }, blockedDates: [blocked] } }));
    plan = await json<ProgrammeProposals>(api.request('POST', '/api/v1/programme-proposals/from-settings', { year: YEAR }));
    listId = (await json<{ id: string }>(api.request('POST', '/api/v1/lists', { names: { en: `Journey ${run.id}` }, optInMode: 'single', defaultLanguage: 'en' }), 201)).id;
    for (const local of ['reader-1', 'reader-2']) {
      await json(api.request('POST', '/api/v1/contacts', { email: run.email(local), language: 'en', listIds: [listId], consentBasis: 'Signed up on paper at the network meeting' }), 201);
    }
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await hub.stopAll();
    await run.cleanup();
  });

  it('signs in, plans the year, publishes a webinar, and sends a newsletter to the end of its progress bar', async () => {
    expect(plan.proposals.map((p) => p.kind)).toContain('gathering');
    await open('/console/sign-in?lang=en');
    await page.fill('#email', owner.email);
    await page.fill('#password', owner.password);
    await Promise.all([page.waitForURL(/\/console(\?|$)/), page.click('form[action^="/console/sign-in"] button')]);

    // Plan the year: twelve month tables, every proposal marked in words, and what it passed over said.
    await open('/console/events');
    await Promise.all([page.waitForURL(/\/console\/events\/programme/), page.click(`a:has-text("${word('en', 'programme.plan')}")`)]);
    await page.selectOption('#year', String(YEAR));
    await Promise.all([page.waitForURL(new RegExp(`year=${YEAR}`)), page.click('form[method="get"] button[type=submit]')]);
    expect(await heading()).toBe(word('en', 'programme.title', { year: String(YEAR) }));
    expect(await page.locator('table.calendar-month').count()).toBe(12);
    expect(await page.locator('table.calendar-month caption').first().innerText()).toBe(`January ${YEAR}`);
    expect(await page.locator('table.calendar-month thead th').first().innerText()).toBe('Mon');
    for (const proposal of plan.proposals) {
      const cell = page.locator(`a[href="#proposal-${proposal.date}"]`);
      expect(await cell.textContent()).toContain(word('en', 'programme.proposedDay', { kind: word('en', `programme.kinds.${proposal.kind}`) }));
    }
    const avoidedBlock = plan.proposals.find((p) => p.avoided.some((a) => a.date === blocked))!;
    expect(await page.locator(`#proposal-${avoidedBlock.date}`).innerText()).toContain(word('en', 'programme.reasons.blocked'));
    expect(await page.locator('td.calendar-day--avoided', { hasText: word('en', 'programme.avoidedDay') }).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'programme (en)');
    await saveScreenshot(page, 'en', 'console-programme');

    // Refused: the errors stand beside their fields, what was typed stays.
    await page.fill('#venueName', 'Stadshuset, Lund');
    await page.click('form[method="post"][action="/console/events/programme"] button[type=submit]');
    expect(await page.locator('#dates-error').innerText()).toBe(word('en', 'programme.errors.dates'));
    expect(await page.locator('#title_sv-error').innerText()).toBe(word('en', 'programme.errors.title'));
    expect(await page.inputValue('#venueName')).toBe('Stadshuset, Lund');
    await expectNoAxeViolations(page, 'programme refused (en)');

    const meeting = plan.proposals.find((p) => p.kind === 'network-meeting')!;
    await page.check(`input[name="dates"][value="${meeting.date}"]`);
    await page.fill('#title_sv', 'Nätverksträff');
    await page.fill('#title_en', 'Network meeting');
    await page.fill('#capacity', '60');
    await submit('form[method="post"][action="/console/events/programme"]', /\/console\/events\?done=accepted/);
    expect(await page.locator('.notice--success').innerText()).toBe(word('en', 'programme.accepted', { number: '1' }));
    const accepted = (await eventList()).find((event) => event.startsAt === meeting.startsAt);
    expect(accepted).toMatchObject({ kind: 'network-meeting', status: 'draft', title: { sv: 'Nätverksträff', en: 'Network meeting' }, venue: { name: 'Stadshuset, Lund' }, capacity: 60 });
    // Back on the plan, the accepted proposal shows its event and is not offered again.
    await open(`/console/events/programme?year=${YEAR}`);
    expect(await page.locator(`#proposal-${meeting.date} a[href="/console/events/${accepted!.id}/edit"]`).innerText()).toBe('Network meeting');
    expect(await page.locator(`input[name="dates"][value="${meeting.date}"]`).count()).toBe(0);
    expect(await page.locator('input[name="dates"]').count()).toBe(plan.proposals.length - 1);
    await open('/console/events');

    // A webinar in the editor: refused first, then created, then published.
    await Promise.all([page.waitForURL(/\/console\/events\/new/), page.click(`a:has-text("${word('en', 'editor.new')}")`)]);
    expect(await heading()).toBe(word('en', 'editor.newTitle'));
    await page.fill('#title_en', 'Webinar on carbon budgets');
    await page.fill('#capacity', '0');
    await page.click('form[action="/console/events/new"] button[type=submit]');
    expect(await page.locator('#startsAt-error').innerText()).toBe(word('en', 'editor.errors.startsAt'));
    expect(await page.locator('#joinUrl-error').innerText()).toBe(word('en', 'editor.errors.joinUrl'));
    expect(await page.locator('#capacity-error').innerText()).toBe(word('en', 'editor.errors.capacity'));
    expect(await page.getAttribute('#capacity', 'aria-invalid')).toBe('true');
    expect(await page.inputValue('#title_en')).toBe('Webinar on carbon budgets');
    expect(await page.inputValue('#capacity')).toBe('0');
    await expectNoAxeViolations(page, 'event editor refused (en)');
    await saveScreenshot(page, 'en', 'console-event-errors');

    await page.fill('#title_sv', 'Webbinarium om klimatbudget');
    await page.fill('#description_en', 'How municipalities set and follow up a carbon budget.');
    await page.fill('#startsAt', `${YEAR}-03-30T10:00`);
    await page.fill('#endsAt', `${YEAR}-03-30T11:30`);
    await page.fill('#joinUrl', 'https://meet.example/budget');
    await page.fill('#capacity', '40');
    await page.selectOption('#q1_kind', 'choice');
    await page.check('#q1_required');
    await page.fill('#q1_label_en', 'Track');
    await page.fill('#q1_options_en', 'Introduction\nIn depth');
    await page.selectOption('#q2_kind', 'yes-no');
    await page.fill('#q2_label_en', 'Would you like the recording?');
    await submit('form[action="/console/events/new"]', /\/edit\?done=created/);
    webinarId = new URL(page.url()).pathname.split('/').at(-2) ?? '';
    expect(await page.locator('.notice--success').innerText()).toBe(word('en', 'editor.done.created'));
    // The network's zone is Europe/Stockholm: 10:00 on 30 March is summer time, UTC+2.
    const created = await json<NetworkEventView>(api.request('GET', `/api/v1/network-events/${webinarId}`));
    expect(created).toMatchObject({ kind: 'webinar', status: 'draft', startsAt: `${YEAR}-03-30T08:00:00.000Z`, endsAt: `${YEAR}-03-30T09:30:00.000Z`, timeZone: 'Europe/Stockholm', joinUrl: 'https://meet.example/budget', capacity: 40 });
    expect(created.questions.map((q) => [q.kind, q.label.en, q.required, q.options?.map((o) => o.label.en)])).toEqual([
      ['choice', 'Track', true, ['Introduction', 'In depth']],
      ['yes-no', 'Would you like the recording?', false, undefined],
    ]);
    expect(await page.inputValue('#startsAt')).toBe(`${YEAR}-03-30T10:00`);
    await expectNoAxeViolations(page, 'event editor filled (en)');
    await saveScreenshot(page, 'en', 'console-event-editor');

    await page.fill('#capacity', '45');
    await submit(`form[action="/console/events/${webinarId}/edit"]`, /\/edit\?done=saved/);
    const saved = await json<NetworkEventView>(api.request('GET', `/api/v1/network-events/${webinarId}`));
    // Only the capacity changed: the times were not sent again, so participants get no reschedule.
    expect(saved).toMatchObject({ capacity: 45, sequence: created.sequence, rescheduledAt: null });

    await submit(`form[action="/console/events/${webinarId}/publish"]`, /\/edit\?done=published/);
    expect((await json<NetworkEventView>(api.request('GET', `/api/v1/network-events/${webinarId}`))).status).toBe('published');
    expect(await page.locator(`form[action="/console/events/${webinarId}/publish"]`).count()).toBe(0);

    // The footer of every newsletter needs the postal address, which the demo network lacks.
    await open('/console/settings');
    await page.fill('#postalAddress', 'Box 1, 111 11 Stockholm');
    await submit('form[action="/console/settings"]', /done=saved/);

    await open('/console/newsletters/new');
    await page.check(`input[name="listIds"][value="${listId}"]`);
    await page.fill('#subject_en', `Journey letter ${run.id}`);
    await page.fill('#markdown_en', '# Hello\n\nThe webinar on carbon budgets is open for registration.');
    await submit('form[action="/console/newsletters/new"]', /\/console\/newsletters\/[^/?]+\?done=created/);
    const newsletterId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    // "Send now" is the audience form's own button; its others post the same fields elsewhere (count, schedule).
    await Promise.all([page.waitForURL(/\/progress$/), page.click('form[action$="/send"] button:not([formaction])')]);
    await page.locator('table caption', { hasText: word('en', 'newsletters.statistics') }).waitFor({ timeout: 180_000 }).catch((error: Error) => {
      throw new Error(`${error.message}\n${hub.logs('campaigns')}\n${hub.logs('delivery')}`);
    });
    expect(await page.locator('progress').getAttribute('value')).toBe('2');
    expect(await page.locator('[data-progress-status]').innerText()).toBe(word('en', 'newsletters.finishedSummary', { done: '2', recipients: '2', state: word('en', 'newsletters.states.completed') }));
    expect((await json<{ state: string }>(api.request('GET', `/api/v1/newsletters/${newsletterId}`))).state).toBe('completed');
    await mailpit.waitForMessagesTo(run.email('reader-1'), 1, 60_000);
  });

  it('invites a coordinator from the coordinators page, refuses a bad address beside the field, and revokes the invitation', async () => {
    const invited = run.email('new-coordinator');
    await open('/console/settings/coordinators?lang=en');
    expect(await page.locator('main').innerText()).toContain(word('en', 'invitations.none'));
    await expectNoAxeViolations(page, 'coordinators, no invitations (en)');

    await page.fill('#email', 'not-an-address');
    await page.click('form[action="/console/settings/coordinators/invitations"] button[type=submit]');
    expect(await page.locator('#email-error').innerText()).toBe(word('en', 'invitations.errors.email'));
    expect(await page.inputValue('#email')).toBe('not-an-address');
    await expectNoAxeViolations(page, 'invitation refused (en)');

    await page.fill('#email', invited);
    await page.selectOption('#role', 'viewer');
    await submit('form[action="/console/settings/coordinators/invitations"]', /done=invited/);
    const row = page.locator('tr', { hasText: invited });
    expect(await row.locator('td').first().innerText()).toBe(word('en', 'roles.viewer'));
    await expectNoAxeViolations(page, 'coordinators with an invitation (en)');
    const [mail] = await mailpit.waitForMessagesTo(invited, 1, 60_000);
    expect(mail.Text).toMatch(/\/invitations\/accept\?token=|token=/);

    await submit(`tr:has-text("${invited}") form`, /done=revoked/);
    expect(await page.locator('tr', { hasText: invited }).count()).toBe(0);
    const listed = await json<Array<{ email: string; revokedAt: string | null }>>(api.request('GET', '/api/v1/invitations'));
    expect(listed.find((invitation) => invitation.email === invited)?.revokedAt).not.toBeNull();
  });

  it('keeps the planner and the editor from a viewer, and invitations from a coordinator', async () => {
    const asViewer = new GatewayClient(base);
    expect((await asViewer.signIn(viewer.email, viewer.password)).status).toBe(200);
    for (const path of [`/console/events/programme?year=${YEAR}`, '/console/events/new', `/console/events/${webinarId}/edit`]) {
      expect({ path, status: (await asViewer.request('GET', path)).status }).toEqual({ path, status: 403 });
    }
    const events = await (await asViewer.request('GET', '/console/events')).text();
    expect(events).not.toContain('href="/console/events/new"');
    const asCoordinator = new GatewayClient(base);
    expect((await asCoordinator.signIn(coordinator.email, coordinator.password)).status).toBe(200);
    const coordinators = await (await asCoordinator.request('GET', '/console/settings/coordinators')).text();
    expect(coordinators).not.toContain('action="/console/settings/coordinators/invitations"');
    // The same post that an owner may make is refused to a coordinator.
    const invitation = { email: run.email('by-coordinator'), role: 'viewer' };
    expect((await asCoordinator.request('POST', '/console/settings/coordinators/invitations', invitation)).status).toBe(403);
    expect((await api.request('POST', '/console/settings/coordinators/invitations', invitation)).status).toBe(303);
  });

  it.each(LANGUAGES)('shows the programme, the event editor and the coordinators page in %s without axe violations', async (language) => {
    const title = await json<NetworkEventView>(api.request('GET', `/api/v1/network-events/${webinarId}`));
    // A language the title lacks falls back to the network's default, Swedish.
    const named = title.title[language] ?? title.title.sv!;
    if (language === LANGUAGES[0]) await json(api.request('POST', '/api/v1/invitations', { email: run.email('pending'), role: 'coordinator' }), 201);
    const pages: Array<[string, string, string]> = [
      ['programme', `/console/events/programme?year=${YEAR}&lang=${language}`, word(language, 'programme.title', { year: String(YEAR) })],
      ['event-new', '/console/events/new', word(language, 'editor.newTitle')],
      ['event-edit', `/console/events/${webinarId}/edit`, word(language, 'editor.editTitle', { event: named })],
      ['coordinators', '/console/settings/coordinators', word(language, 'coordinators.title')],
    ];
    for (const [name, path, expected] of pages) {
      await open(path);
      expect(await heading()).toBe(expected);
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      await expectNoAxeViolations(page, `${name} (${language})`);
      await saveScreenshot(page, language, `console-${name}`);
    }
    expect(await page.locator('tr', { hasText: run.email('pending') }).count()).toBe(1);

    // Refused in the page's language, with the words of that language beside the fields.
    await open('/console/events/new');
    await page.click('form[action="/console/events/new"] button[type=submit]');
    expect(await page.locator('#title_sv-error').innerText()).toBe(word(language, 'editor.errors.title'));
    expect(await page.locator('#startsAt-error').innerText()).toBe(word(language, 'editor.errors.startsAt'));
    await expectNoAxeViolations(page, `event editor refused (${language})`);
    await open('/console?lang=en');
  });

  it('lets the owner add a school break to the planner settings, refused first beside the field, and plans around it', async () => {
    const moved = plan.proposals.find((p) => p.kind === 'network-meeting' && p.date !== plan.proposals[0].date)!.date;
    await open(`/console/events/programme?year=${YEAR}&lang=sv`);
    expect(await page.inputValue('#blockedDates')).toBe(blocked);
    await page.fill('#schoolBreaks', 'sportlovet i februari');
    await page.click('form[action="/console/events/programme/settings"] button[type=submit]');
    expect(await page.locator('#schoolBreaks-error').innerText()).toBe(word('sv', 'programme.planner.errors.schoolBreaks'));
    expect(await page.inputValue('#schoolBreaks')).toBe('sportlovet i februari');
    await expectNoAxeViolations(page, 'planner settings refused (sv)');

    await page.fill('#schoolBreaks', `${moved} ${moved} Sportlov`);
    await submit('form[action="/console/events/programme/settings"]', /done=planner/);
    expect(await page.locator('.notice--success').innerText()).toBe(word('sv', 'programme.planner.saved'));
    expect(await page.locator(`a[href="#proposal-${moved}"]`).count()).toBe(0);
    expect(await page.locator('ol.cards').innerText()).toContain(word('sv', 'programme.reasons.schoolBreak', { name: 'Sportlov' }));
    const settings = await json<{ planner: { schoolBreaks: unknown[]; blockedDates: string[]; gathering: unknown } }>(api.request('GET', '/api/v1/scheduling-settings'));
    expect(settings.planner).toMatchObject({ schoolBreaks: [{ name: 'Sportlov', from: moved, to: moved }], blockedDates: [blocked], gathering: { weekday: 'thursday' } });
    await saveScreenshot(page, 'sv', 'console-programme-planner');
  });

  it('refuses a date the plan does not propose (any more) beside the choice, in the page’s language', async () => {
    const form = { year: String(YEAR), dates: blocked, title_sv: 'Nätverksträff', venueName: 'Stadshuset', organiserName: 'Klimatkommunerna', organiserEmail: 'kansliet@klimatkommunerna.example', capacity: '30' };
    const refused = await api.request('POST', '/console/events/programme?lang=fi', form);
    expect(refused.status).toBe(400);
    const page = await refused.text();
    expect(page).toMatch(new RegExp(`id="dates-error" class="field-error">${word('fi', 'programme.errors.stale')}<`));
    expect(page).toContain('value="Stadshuset"');
    expect((await eventList()).filter((event) => event.startsAt.startsWith(blocked))).toEqual([]);
  });

  it('shows a year without proposals as twelve unmarked months, with no form to accept', async () => {
    await json(api.request('PATCH', '/api/v1/scheduling-settings', { planner: { meetings: { count: 0 }, gathering: null } }));
    await open(`/console/events/programme?year=${YEAR}&lang=nn`);
    expect(await page.locator('table.calendar-month').count()).toBe(12);
    expect(await page.locator('.calendar-day--proposal, .calendar-day--avoided').count()).toBe(0);
    expect(await page.locator('main').innerText()).toContain(word('nn', 'programme.none'));
    expect(await page.locator('form[method="post"][action="/console/events/programme"]').count()).toBe(0);
    await expectNoAxeViolations(page, 'programme without proposals (nn)');
    await saveScreenshot(page, 'nn', 'console-programme-empty');
  });
});
