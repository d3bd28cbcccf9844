import type { Page } from 'playwright-core';
import { LANGUAGES, type EventSeriesView, type NetworkEventView } from '@hub/contracts';
import { loadConfig } from '@hub/config';
import { TestRun } from '@hub/testing';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { gatewayConfigSchema } from '../../../apps/gateway/src/gateway.config';
import { GatewayModule } from '../../../apps/gateway/src/gateway.module';
import { hardenGateway } from '../../../apps/gateway/src/security/http-hardening';
import { schedulingConfigSchema } from '../../../apps/scheduling/src/scheduling.config';
import { SchedulingModule } from '../../../apps/scheduling/src/scheduling.module';
import { expectNoAxeViolations, launchBrowser, saveScreenshot, signInToConsole, TestBrowser } from '../../support/browser';
import { consoleWord as word, expectJson as json } from '../../support/console-words';
import { GatewayClient } from '../../support/gateway-client';
import { InProcessApp, startInProcess } from '../../support/in-process-app';

jest.setTimeout(600_000);

const [owner, , viewer] = DEMO_COORDINATORS;
const DAY = 86_400_000;

/**
 * The series page and the series editor in real Chromium, with no script loaded (every step is a plain form), against
 * gateway and scheduling on the real stack: from the events list to the series, its occurrences with what each changed
 * on its own, a refused change with its errors beside the fields, a saved one; axe-core (WCAG 2.1 A/AA) on each page
 * in every language.
 */
describe('webinar series in the console', () => {
  const run = new TestRun();
  let apps: InProcessApp[] = [];
  let api: GatewayClient;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let series: EventSeriesView;

  const heading = () => page.locator('h1').innerText();
  const open = async (path: string, status = 200) => {
    const response = await page.goto(`${base}${path}`);
    expect(response?.status()).toBe(status);
  };
  const save = (url: RegExp) => Promise.all([page.waitForURL(url), page.click('form[action$="/edit"] button[type=submit]')]);

  beforeAll(async () => {
    const scheduling = await startInProcess(SchedulingModule.forRoot(loadConfig(schedulingConfigSchema, run.env())));
    const gateway = await startInProcess(GatewayModule.forRoot(loadConfig(gatewayConfigSchema, run.env({ AUDIENCE_URL: 'http://127.0.0.1:9', SCHEDULING_URL: scheduling.url }))), hardenGateway);
    apps = [gateway, scheduling];
    base = gateway.url;
    api = new GatewayClient(base);
    expect((await api.signIn(owner.email, owner.password)).status).toBe(200);
    // Weekly from four days ago: one occurrence is over, two are to come; the second gets a title of its own.
    const first = new Date(Date.now() - 4 * DAY).toISOString().slice(0, 10);
    series = await json<EventSeriesView>(
      api.request('POST', '/api/v1/event-series', {
        kind: 'webinar',
        title: { sv: `Serien ${run.id}`, en: `The series ${run.id}` },
        timeZone: 'Europe/Stockholm',
        joinUrl: 'https://meet.example/series-room',
        organiser: { name: 'Sekretariatet', email: 'sekretariat@network.example' },
        capacity: 40,
        firstStartsAt: `${first}T10:00`,
        durationMinutes: 60,
        rrule: 'FREQ=WEEKLY;COUNT=3',
      }),
      201,
    );
    await json(api.request('POST', `/api/v1/event-series/${series.id}/transitions`, { to: 'published' }));
    await json(api.request('PATCH', `/api/v1/network-events/${series.occurrences[1].eventId}`, { title: { sv: 'Eget tema', en: 'A theme of its own' } }));
    browser = await launchBrowser();
    page = browser.page;
    // Without JavaScript: no script is loaded, so every step below is a plain link or form.
    await page.route(/\.m?js(\?|$)/, (route) => route.abort());
    await signInToConsole(page, base, owner);
  });

  afterAll(async () => {
    await browser?.close();
    for (const app of apps) await app.close();
    await run.cleanup();
  });

  it('goes from the events list to the series, refuses a change beside its fields, and saves the rest', async () => {
    await open('/console/events?lang=en');
    const title = `The series ${run.id}`;
    await Promise.all([page.waitForURL(/\/console\/series\//), page.locator(`a:has-text("${word('en', 'series.linkOf', { event: title })}")`).first().click()]);
    expect(await heading()).toBe(word('en', 'series.title', { series: title }));
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(0).innerText()).toContain(word('en', 'series.over'));
    expect(await rows.nth(1).locator('td').nth(1).innerText()).toBe(word('en', 'series.fields.title'));
    expect(await rows.nth(2).locator('td').nth(1).innerText()).toBe(word('en', 'series.nothingOwn'));
    expect(await rows.nth(1).locator(`a[href="/console/events/${series.occurrences[1].eventId}/edit"]`).count()).toBe(1);
    await expectNoAxeViolations(page, 'series (en)');
    await saveScreenshot(page, 'en', 'console-series');
    // Each occurrence is edited on its own in the event editor, which leads back to its series.
    await Promise.all([page.waitForURL(/\/edit$/), rows.nth(1).locator('a[href$="/edit"]').click()]);
    await Promise.all([page.waitForURL(/\/console\/series\/[^/]+$/), page.click(`a[href="/console/series/${series.id}"]`)]);

    await Promise.all([page.waitForURL(/\/edit$/), page.click(`a:has-text("${word('en', 'series.edit')}")`)]);
    expect(await page.inputValue('#capacity')).toBe('40');
    expect(await page.inputValue('#durationMinutes')).toBe('60');
    // Refused by the form (a length too short) and by the API (fewer seats than published occurrences have).
    await page.fill('#durationMinutes', '2');
    await page.fill('#title_en', 'Climate budgets in practice');
    await page.click('form[action$="/edit"] button[type=submit]');
    expect(await page.locator('#durationMinutes-error').innerText()).toBe(word('en', 'series.errors.durationMinutes'));
    expect(await page.inputValue('#title_en')).toBe('Climate budgets in practice');
    await expectNoAxeViolations(page, 'series editor refused (en)');
    await page.fill('#durationMinutes', '90');
    await page.fill('#capacity', '10');
    await page.click('form[action$="/edit"] button[type=submit]');
    expect(await page.locator('#capacity-error').innerText()).toBe(word('en', 'series.errors.capacityShrink'));
    expect(await page.locator('#capacity').getAttribute('aria-invalid')).toBe('true');
    await saveScreenshot(page, 'en', 'console-series-refused');
    expect((await json<NetworkEventView>(api.request('GET', `/api/v1/network-events/${series.occurrences[2].eventId}`))).title.en).toBe(title);

    await page.fill('#capacity', '50');
    await save(/\?done=saved&count=2&cancelled=0$/);
    expect(await page.locator('.notice--success').innerText()).toBe(word('en', 'series.done.saved', { count: '2' }));
    const [past, own, plain] = await Promise.all(series.occurrences.map((o) => json<NetworkEventView>(api.request('GET', `/api/v1/network-events/${o.eventId}`))));
    expect(past).toMatchObject({ title: { en: title }, capacity: 40 });
    expect(own).toMatchObject({ title: { en: 'A theme of its own' }, capacity: 50 });
    expect(plain).toMatchObject({ title: { en: 'Climate budgets in practice' }, capacity: 50 });
    expect(new Date(plain.endsAt).getTime() - new Date(plain.startsAt).getTime()).toBe(90 * 60_000);
    // Saving again unchanged sends nothing.
    await open(`/console/series/${series.id}/edit`);
    await save(/\?done=unchanged$/);

    // The rule may only take occurrences away: a longer one is refused beside its field, ending earlier cancels.
    await open(`/console/series/${series.id}/edit`);
    expect(await page.inputValue('#rrule')).toBe('FREQ=WEEKLY;COUNT=3');
    await page.fill('#rrule', 'FREQ=WEEKLY;COUNT=5');
    await page.click('form[action$="/edit"] button[type=submit]');
    expect(await page.locator('#rrule-error').innerText()).toBe(word('en', 'series.errors.rrule'));
    await page.fill('#rrule', 'FREQ=WEEKLY;COUNT=2');
    await save(/\?done=saved&count=0&cancelled=1$/);
    expect(await page.locator('.notice--success').innerText()).toBe(`${word('en', 'series.done.saved', { count: '0' })} ${word('en', 'series.cancelled', { count: '1' })}`);
    expect((await json<NetworkEventView>(api.request('GET', `/api/v1/network-events/${series.occurrences[2].eventId}`))).status).toBe('cancelled');
  });

  it('creates a series from the events list, refusing a first start the rule does not give, and publishes it', async () => {
    await open('/console/events?lang=en');
    await Promise.all([page.waitForURL(/\/console\/series\/new$/), page.click(`a:has-text("${word('en', 'series.new')}")`)]);
    expect(await heading()).toBe(word('en', 'series.newTitle'));
    await expectNoAxeViolations(page, 'new series (en)');
    const first = new Date(Date.now() + 30 * DAY);
    const otherDay = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'][(first.getUTCDay() + 1) % 7];
    await page.fill('#title_en', `Created in the console ${run.id}`);
    await page.fill('#firstStartsAt', `${first.toISOString().slice(0, 10)}T13:00`);
    await page.fill('#rrule', `FREQ=WEEKLY;BYDAY=${otherDay};COUNT=2`);
    await page.fill('#joinUrl', 'https://meet.example/console-series');
    await page.fill('#capacity', '25');
    await page.click('form[action="/console/series/new"] button[type=submit]');
    expect(await page.locator('#firstStartsAt-error').innerText()).toBe(word('en', 'series.errors.firstStartsAt'));
    expect(await page.inputValue('#title_en')).toBe(`Created in the console ${run.id}`);
    await expectNoAxeViolations(page, 'new series refused (en)');

    await page.fill('#rrule', 'FREQ=WEEKLY;COUNT=2');
    await Promise.all([page.waitForURL(/\/console\/series\/[^/]+\?done=created$/), page.click('form[action="/console/series/new"] button[type=submit]')]);
    expect(await page.locator('.notice--success').innerText()).toBe(word('en', 'series.created'));
    expect(await page.locator('table tbody tr').count()).toBe(2);
    await Promise.all([page.waitForURL(/\?done=published$/), page.click('form[action$="/publish"] button[type=submit]')]);
    const created = await json<EventSeriesView>(api.request('GET', `/api/v1/event-series/${new URL(page.url()).pathname.split('/').pop()}`));
    expect(created).toMatchObject({ kind: 'webinar', capacity: 25, durationMinutes: 60, joinUrl: 'https://meet.example/console-series', timeZone: expect.any(String) });
    expect(created.occurrences.map((o) => o.status)).toEqual(['published', 'published']);
    expect(await page.locator('form[action$="/publish"]').count()).toBe(0);
  });

  it('shows a viewer the series but neither its editor nor a way to change it', async () => {
    const asViewer = new GatewayClient(base);
    expect((await asViewer.signIn(viewer.email, viewer.password)).status).toBe(200);
    const seen = await asViewer.request('GET', `/console/series/${series.id}?lang=en`);
    expect(seen.status).toBe(200);
    const text = await seen.text();
    expect(text).not.toContain('/edit"');
    expect(text).not.toContain('/publish"');
    for (const path of ['/console/series/new', `/console/series/${series.id}/edit`]) {
      expect({ path, status: (await asViewer.request('GET', path)).status }).toEqual({ path, status: 403 });
    }
    expect((await asViewer.request('POST', `/console/series/${series.id}/edit`, { capacity: '99' })).status).toBe(403);
    expect((await api.request('GET', '/console/series/no-such-series')).status).toBe(404);
  });

  it.each(LANGUAGES)('shows the series and its editor in %s without axe violations, empty and refused', async (language) => {
    await open(`/console/series/${series.id}?lang=${language}`);
    expect(await page.locator('table caption').innerText()).toBe(word(language, 'series.caption'));
    await expectNoAxeViolations(page, `series (${language})`);
    await open(`/console/series/${series.id}/edit?lang=${language}`);
    expect(await page.locator('label[for="durationMinutes"]').innerText()).toBe(word(language, 'series.durationMinutes'));
    await expectNoAxeViolations(page, `series editor (${language})`);
    await page.fill('#durationMinutes', '0');
    await page.fill('#organiserEmail', 'not an address');
    await page.click('form[action$="/edit"] button[type=submit]');
    expect(await page.locator('#durationMinutes-error').innerText()).toBe(word(language, 'series.errors.durationMinutes'));
    expect(await page.locator('#organiserEmail-error').innerText()).toBe(word(language, 'editor.errors.organiserEmail'));
    await expectNoAxeViolations(page, `series editor refused (${language})`);
    await open(`/console/series/new?lang=${language}`);
    expect(await heading()).toBe(word(language, 'series.newTitle'));
    await expectNoAxeViolations(page, `new series (${language})`);
  });
});
