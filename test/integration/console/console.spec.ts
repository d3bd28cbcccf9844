import type { Page } from 'playwright-core';
import { LANGUAGES, type Language } from '@hub/contracts';
import { DEMO_NETWORKS } from '@hub/demo-data';
import { loadConfig } from '@hub/config';
import { TestRun } from '@hub/testing';
import { audienceConfigSchema } from '../../../apps/audience/src/audience.config';
import { AudienceModule } from '../../../apps/audience/src/audience.module';
import { gatewayConfigSchema } from '../../../apps/gateway/src/gateway.config';
import { GatewayModule } from '../../../apps/gateway/src/gateway.module';
import { hardenGateway } from '../../../apps/gateway/src/security/http-hardening';
import { schedulingConfigSchema } from '../../../apps/scheduling/src/scheduling.config';
import { SchedulingModule } from '../../../apps/scheduling/src/scheduling.module';
import { CONSOLE_CATALOG } from '../../../apps/gateway/src/console/console.catalog';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { expectNoAxeViolations, launchBrowser, saveScreenshot, TestBrowser } from '../../support/browser';
import { GatewayClient } from '../../support/gateway-client';
import { InProcessApp, startInProcess } from '../../support/in-process-app';

jest.setTimeout(600_000);

const [owner, , viewer] = DEMO_COORDINATORS;
const [networkA, networkB] = DEMO_NETWORKS;

/** The console's word for a dotted key in a language, so the test checks what a person reading that language sees. */
function word(language: Language, key: string, values: Record<string, string> = {}): string {
  const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], CONSOLE_CATALOG[language]) as string;
  return Object.entries(values).reduce((out, [name, value]) => out.replace(`{{${name}}}`, value), text);
}

/**
 * The coordinator console in real Chromium against gateway, audience and scheduling on the real stack: sign-in through the form,
 * every page in every language with axe-core (WCAG 2.1 A/AA) in its empty, filled and error states, and the
 * changes (add, edit, block, erase a contact; approve and check in a registration; settings; network switch) checked
 * through the JSON API.
 */
describe('coordinator console in a real browser', () => {
  const run = new TestRun();
  let apps: InProcessApp[] = [];
  let eventId: string;
  let api: GatewayClient;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let listId: string;

  beforeAll(async () => {
    const audience = await startInProcess(AudienceModule.forRoot(loadConfig(audienceConfigSchema, run.env())));
    const scheduling = await startInProcess(SchedulingModule.forRoot(loadConfig(schedulingConfigSchema, run.env())));
    const gateway = await startInProcess(GatewayModule.forRoot(loadConfig(gatewayConfigSchema, run.env({ AUDIENCE_URL: audience.url, SCHEDULING_URL: scheduling.url }))), hardenGateway);
    apps = [gateway, scheduling, audience];
    base = gateway.url;
    api = new GatewayClient(base);
    expect((await api.signIn(owner.email, owner.password)).status).toBe(200);
    const list = await api.request('POST', '/api/v1/lists', { names: { sv: 'Konsoltestlista', en: 'Console test list' }, optInMode: 'single', defaultLanguage: 'sv' });
    expect(list.status).toBe(201);
    listId = ((await list.json()) as { id: string }).id;
    const startsAt = new Date(Date.now() + 20 * 24 * 3_600_000);
    startsAt.setUTCHours(8, 0, 0, 0);
    const event = await api.request('POST', '/api/v1/network-events', {
      kind: 'webinar',
      title: { sv: 'Webbinarium om konsolen', en: 'Webinar on the console' },
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 60 * 60_000).toISOString(),
      timeZone: 'Europe/Stockholm',
      joinUrl: 'https://meet.example/console',
      organiser: { name: 'Klimatkommunerna', email: 'kansliet@klimatkommunerna.example' },
      capacity: 10,
      approvalRequired: true,
    });
    expect(event.status).toBe(201);
    eventId = ((await event.json()) as { id: string }).id;
    expect((await api.request('POST', `/api/v1/network-events/${eventId}/transitions`, { to: 'published' })).status).toBe(200);
    for (const name of ['Ana Berg', 'Bo Dahl']) {
      const registered = await api.request('POST', `/api/v1/networks/${networkA.slug}/events/${eventId}/registrations`, { name, email: run.email(name.split(' ')[0].toLowerCase()), language: 'sv', consent: true });
      expect(registered.status).toBeLessThan(300);
    }
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    for (const app of apps) await app.close();
    await run.cleanup();
  });

  const heading = () => page.locator('h1').innerText();
  const open = async (path: string, status = 200) => {
    const response = await page.goto(`${base}${path}`);
    expect(response?.status()).toBe(status);
  };
  const signIn = async (who: { email: string; password: string }) => {
    await open('/console/sign-in');
    await page.fill('#email', who.email);
    await page.fill('#password', who.password);
    await Promise.all([page.waitForURL(/\/console(\?|$)/), page.click('form[action^="/console/sign-in"] button')]);
  };
  const contactsOf = async (q: string) => ((await (await api.request('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}`)).json()) as { items: Array<{ id: string; email: string; name: string | null; suppression: string | null; subscriptions: Array<{ status: string }> }> }).items;

  it('sends someone without a session to the sign-in form, shows errors beside the fields, and returns them to the page they asked for', async () => {
    await open('/console/contacts?lang=sv');
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    expect(await heading()).toBe(word('sv', 'signIn.title'));
    await expectNoAxeViolations(page, 'sign-in (sv)');

    await page.click('form[action^="/console/sign-in"] button');
    expect(await page.locator('#email-error').innerText()).toContain(word('sv', 'signIn.emailMissing'));
    expect(await page.locator('#password-error').innerText()).toContain(word('sv', 'signIn.passwordMissing'));
    expect(await page.getAttribute('#email', 'aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'sign-in with errors (sv)');

    await page.fill('#email', owner.email);
    await page.fill('#password', 'not-the-password');
    await page.click('form[action^="/console/sign-in"] button');
    expect(await page.locator('.notice--error').innerText()).toContain(word('sv', 'signIn.invalid'));
    expect(await page.inputValue('#email')).toBe(owner.email);
    await expectNoAxeViolations(page, 'sign-in refused (sv)');

    await page.fill('#password', owner.password);
    await Promise.all([page.waitForURL(/\/console\/contacts/), page.click('form[action^="/console/sign-in"] button')]);
    expect(await heading()).toBe(word('sv', 'contacts.title'));
  });

  it.each(LANGUAGES)('shows every console page in %s without axe violations, empty, filled and with errors, keeping what was typed', async (language) => {
    const pages: Array<[string, string, string]> = [
      ['home', `/console?lang=${language}`, 'home.title'],
      ['events', '/console/events', 'events.title'],
      ['lists', '/console/lists', 'lists.title'],
      ['contacts', '/console/contacts', 'contacts.title'],
      ['settings', '/console/settings', 'settings.title'],
      ['reminders', '/console/settings/reminders', 'schedulingSettings.title'],
      ['coordinators', '/console/settings/coordinators', 'coordinators.title'],
      ['api-keys', '/console/settings/api-keys', 'apiKeys.title'],
      ['audit', '/console/settings/audit', 'audit.title'],
    ];
    for (const [name, path, title] of pages) {
      await open(path);
      expect(await heading()).toBe(word(language, title));
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      await expectNoAxeViolations(page, `${name} (${language})`);
      if (name === 'home' || name === 'contacts') await saveScreenshot(page, language, `console-${name}`);
    }

    // The title in the reader's language, else in the network's default one (Swedish here).
    await open(`/console/events/${eventId}`);
    expect(await heading()).toBe(word(language, 'events.registrationsOf', { event: language === 'en' ? 'Webinar on the console' : 'Webbinarium om konsolen' }));
    await expectNoAxeViolations(page, `registrations (${language})`);

    // The add form: empty, then refused with its errors beside the fields and what was typed still there.
    await open('/console/contacts/new');
    expect(await heading()).toBe(word(language, 'contactForm.title'));
    await expectNoAxeViolations(page, `add contact (${language})`);
    await page.fill('#email', 'not-an-address');
    await page.fill('#name', `Kim ${language}`);
    await page.fill('#consentBasis', 'x');
    await page.click('form[action="/console/contacts/new"] button');
    expect(await page.locator('.error-summary').isVisible()).toBe(true);
    expect(await page.locator('#email-error').innerText()).toContain(word(language, 'contactForm.errors.email'));
    expect(await page.locator('#consentBasis-error').innerText()).toContain(word(language, 'contactForm.errors.consentBasis'));
    expect(await page.inputValue('#email')).toBe('not-an-address');
    expect(await page.inputValue('#name')).toBe(`Kim ${language}`);
    await expectNoAxeViolations(page, `add contact with errors (${language})`);

    // Accepted: the contact page says so, in the network's zone and the reader's locale.
    const email = run.email(`console-${language}`);
    await page.fill('#email', email);
    await page.fill('#consentBasis', 'Signed up on paper at the 2026 gathering');
    await page.check(`input[name="listIds"][value="${listId}"]`);
    await Promise.all([page.waitForURL(/\/console\/contacts\/[^/]+\?done=created/), page.click('form[action="/console/contacts/new"] button')]);
    expect(await heading()).toBe(email);
    expect(await page.locator('.notice--success').innerText()).toContain(word(language, 'contactForm.created'));
    const [created] = await contactsOf(email);
    expect(created).toMatchObject({ email, name: `Kim ${language}`, subscriptions: [{ status: 'confirmed' }] });
    await expectNoAxeViolations(page, `contact (${language})`);
    await saveScreenshot(page, language, 'console-contact');

    // Settings refused: the error stands next to the field, the value typed is kept.
    await open('/console/settings');
    await page.fill('#accentColor', 'green');
    await page.click('form[action="/console/settings"] button[type="submit"]');
    expect(await page.locator('#accentColor-error').innerText()).toContain(word(language, 'settings.errors.accentColor'));
    expect(await page.inputValue('#accentColor')).toBe('green');
    await expectNoAxeViolations(page, `settings with errors (${language})`);
  });

  it('searches, filters and pages contacts, with the total', async () => {
    await open('/console/contacts?lang=en');
    await page.fill('#q', run.id);
    await page.selectOption('#listId', listId);
    await page.selectOption('#status', 'confirmed');
    await page.click('form[action="/console/contacts"] button');
    expect(await page.locator('p[role="status"]').innerText()).toBe(word('en', 'contacts.total', { total: String(LANGUAGES.length) }));
    expect(await page.locator('tbody tr').count()).toBe(LANGUAGES.length);

    // Two a page: three pages, each with its own rows, and no row twice.
    await open(`/console/contacts?q=${run.id}&limit=2`);
    const seen: string[] = [];
    for (let pageNumber = 0; pageNumber < 3; pageNumber++) {
      seen.push(...(await page.locator('tbody th a').allInnerTexts()));
      if (pageNumber < 2) await page.click('a[rel="next"]');
    }
    expect(await page.locator('a[rel="next"]').count()).toBe(0);
    expect(new Set(seen).size).toBe(LANGUAGES.length);

    // A status without a list cannot be asked for: the error names the field.
    await open('/console/contacts?status=pending', 400);
    expect(await page.locator('#status-error').innerText()).toContain(word('en', 'contacts.statusNeedsList'));
    await expectNoAxeViolations(page, 'contacts with filter error (en)');
  });

  it('exports the filtered contacts and an event’s participants through the links, with the console session', async () => {
    await open(`/console/contacts?lang=en&q=${run.id}&listId=${listId}&status=confirmed`);
    const contactsHref = await page.locator('a', { hasText: word('en', 'exports.contactsCsv') }).getAttribute('href');
    expect(new URL(contactsHref!, base).searchParams.get('q')).toBe(run.id);
    const contacts = await page.request.get(new URL(contactsHref!, base).toString());
    expect(contacts.status()).toBe(200);
    expect(contacts.headers()['content-type']).toMatch(/^text\/csv/);
    const csv = await contacts.text();
    for (const language of LANGUAGES) expect(csv).toContain(run.email(`console-${language}`));
    expect(csv.trim().split('\n')).toHaveLength(LANGUAGES.length + 1);

    await open(`/console/events/${eventId}`);
    const registrationsHref = await page.locator('a', { hasText: word('en', 'exports.registrationsCsv') }).getAttribute('href');
    const registrations = await page.request.get(new URL(registrationsHref!, base).toString());
    expect(registrations.status()).toBe(200);
    expect(registrations.headers()['content-type']).toMatch(/^text\/csv/);
    expect(await registrations.text()).toContain('Ana Berg');
    const workbookHref = await page.locator('a', { hasText: word('en', 'exports.registrationsXlsx') }).getAttribute('href');
    const workbook = await page.request.get(new URL(workbookHref!, base).toString());
    expect(workbook.status()).toBe(200);
    expect(workbook.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    await expectNoAxeViolations(page, 'registrations with export links (en)');
  });

  it('edits, blocks, unblocks and erases a contact from its page, and asks before erasing', async () => {
    const [contact] = await contactsOf(run.email('console-en'));
    await open(`/console/contacts/${contact.id}?lang=en`);
    await page.fill('#name', 'Kim Edited');
    await page.click(`form[action="/console/contacts/${contact.id}"] button`);
    expect(await page.locator('.notice--success').innerText()).toContain(word('en', 'contact.saved'));
    expect((await contactsOf(contact.email))[0].name).toBe('Kim Edited');

    await page.click(`form[action="/console/contacts/${contact.id}/block"] button`);
    expect(await page.locator('.notice--success').innerText()).toContain(word('en', 'contact.blockDone'));
    expect((await contactsOf(contact.email))[0].suppression).toBe('blocked');
    await expectNoAxeViolations(page, 'blocked contact (en)');
    await page.click(`form[action="/console/contacts/${contact.id}/unblock"] button`);
    expect((await contactsOf(contact.email))[0].suppression).toBeNull();

    await page.click(`form[action="/console/contacts/${contact.id}/erase"] button`);
    expect(await page.locator('#erase-confirm-error').innerText()).toContain(word('en', 'contact.eraseMissing'));
    await expectNoAxeViolations(page, 'erase without confirmation (en)');
    expect(await contactsOf(contact.email)).toHaveLength(1);
    await page.check('#erase-confirm');
    await Promise.all([page.waitForURL(/\/console\/contacts\?done=erased/), page.click(`form[action="/console/contacts/${contact.id}/erase"] button`)]);
    expect(await page.locator('.notice--success').innerText()).toContain(word('en', 'contacts.erased'));
    expect(await contactsOf(contact.email)).toHaveLength(0);
    await open(`/console/contacts/${contact.id}`, 404);
    expect(await heading()).toBe(word('en', 'errors.notFoundTitle'));
    await expectNoAxeViolations(page, 'not found (en)');
  });

  it('lists events with their registrations, approves, declines and checks in', async () => {
    const registrations = async () => ((await (await api.request('GET', `/api/v1/network-events/${eventId}/registrations`)).json()) as { items: Array<{ name: string; status: string; attended: boolean }> }).items;
    await open('/console/events?lang=en');
    const row = page.locator('tbody tr', { hasText: 'Webinar on the console' });
    expect(await row.locator('td').nth(2).innerText()).toBe('0 / 10');
    await row.locator('a').click();
    expect(await page.locator('tbody tr').count()).toBe(2);
    await page.click('button:has-text("Approve Ana Berg")');
    expect(await page.locator('.notice--success').innerText()).toContain(word('en', 'events.done'));
    await page.click('button:has-text("Decline Bo Dahl")');
    await page.click('button:has-text("Check in Ana Berg")');
    await expectNoAxeViolations(page, 'registrations after changes (en)');
    expect(await registrations()).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Ana Berg', status: 'confirmed', attended: true }), expect.objectContaining({ name: 'Bo Dahl', status: 'cancelled' })]),
    );
    await open('/console/events');
    expect(await page.locator('tbody tr', { hasText: 'Webinar on the console' }).locator('td').nth(2).innerText()).toBe('1 / 10');
  });

  it('lets the owner change the settings with PATCH semantics, and refuses a form that is out of date', async () => {
    await open('/console/settings?lang=en');
    await page.fill('#name', 'Klimatkommunerna (console)');
    await page.fill('#accentColor', '#224466');
    await Promise.all([page.waitForURL(/done=saved/), page.click('form[action="/console/settings"] button[type="submit"]')]);
    expect(await page.locator('.notice--success').innerText()).toContain(word('en', 'settings.saved'));
    const network = (await (await api.request('GET', '/api/v1/network')).json()) as { name: string; branding: { accentColor: string }; languages: string[]; sender: unknown };
    expect(network).toMatchObject({ name: 'Klimatkommunerna (console)', branding: { accentColor: '#224466' }, languages: networkA.languages });

    // Someone else saves meanwhile: this form's revision is stale, so it is refused and shows their version.
    await page.fill('#name', 'Lost update');
    expect((await api.request('PATCH', '/api/v1/network', { description: 'Changed through the API' })).status).toBe(200);
    await page.click('form[action="/console/settings"] button[type="submit"]');
    expect(await page.locator('.notice--error').innerText()).toContain(word('en', 'settings.conflict'));
    expect(await page.inputValue('#description')).toBe('Changed through the API');
    expect(((await (await api.request('GET', '/api/v1/network')).json()) as { name: string }).name).toBe('Klimatkommunerna (console)');
    await expectNoAxeViolations(page, 'settings conflict (en)');
  });

  it('lets the owner choose reminders and retention, and refuses bad values beside their fields in the page’s language', async () => {
    const schedulingSettings = async () => (await (await api.request('GET', '/api/v1/scheduling-settings')).json()) as { reminderOffsets: string[]; retentionDays: number; planner: unknown };
    const before = await schedulingSettings();
    await open('/console/settings/reminders?lang=en');
    const checked = async () => page.locator('input[name="reminderOffsets"]:checked').evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));
    expect((await checked()).sort()).toEqual([...before.reminderOffsets].sort());
    await page.uncheck('input[name="reminderOffsets"][value="PT1H"]');
    await page.check('input[name="reminderOffsets"][value="PT30M"]');
    await page.check('input[name="reminderOffsets"][value="P14D"]');
    await page.fill('#retentionDays', '30');
    await Promise.all([page.waitForURL(/done=saved/), page.click('form[action="/console/settings/reminders"] button[type="submit"]')]);
    expect(await page.locator('.notice--success').innerText()).toContain(word('en', 'schedulingSettings.saved'));
    const saved = await schedulingSettings();
    expect(saved).toMatchObject({ reminderOffsets: ['P14D', 'P7D', 'P1D', 'PT30M'], retentionDays: 30, planner: before.planner });
    await expectNoAxeViolations(page, 'reminders saved (en)');

    // Six times where five is the most, and no retention: both refused beside their fields, in Finnish, as sent.
    await open('/console/settings/reminders?lang=fi');
    for (const box of await page.locator('input[name="reminderOffsets"]').all()) await box.check();
    await page.fill('#retentionDays', '0');
    await page.click('form[action="/console/settings/reminders"] button[type="submit"]');
    expect(await page.locator('#reminderOffsets-error').innerText()).toContain(word('fi', 'schedulingSettings.errors.reminderOffsets'));
    expect(await page.locator('#retentionDays-error').innerText()).toContain(word('fi', 'schedulingSettings.errors.retentionDays'));
    expect(await page.inputValue('#retentionDays')).toBe('0');
    expect(await checked()).toHaveLength(6);
    await expectNoAxeViolations(page, 'reminders with errors (fi)');
    expect(await schedulingSettings()).toMatchObject({ reminderOffsets: saved.reminderOffsets, retentionDays: 30 });
  });

  it('refuses a form post without the CSRF token', async () => {
    const [contact] = await contactsOf(run.email('console-sv'));
    const response = await page.request.post(`${base}/console/contacts/${contact.id}/block`, { form: { confirm: 'yes' }, maxRedirects: 0 });
    expect(response.status()).toBe(303);
    expect(response.headers().location).toMatch(/^\/console\/sign-in\?lang=\w\w$/);
    expect((await contactsOf(contact.email))[0].suppression).toBeNull();
  });

  it('switches network from the bar, and then shows only that network’s contacts', async () => {
    const [contact] = await contactsOf(run.email('console-sv'));
    await open('/console?lang=en');
    await page.selectOption('#switch-network', networkB.id);
    await page.click('form[action="/console/network"] button');
    expect(await page.locator('.notice--success').innerText()).toContain(word('en', 'home.switched', { network: networkB.name }));
    await expectNoAxeViolations(page, 'home after switching (en)');
    await open(`/console/contacts/${contact.id}`, 404);
    await open('/console');
    await page.selectOption('#switch-network', networkA.id);
    await page.click('form[action="/console/network"] button');
    await open(`/console/contacts/${contact.id}`);
  });

  it('signs the owner out, shows a viewer the settings read-only and refuses their changes', async () => {
    await open('/console?lang=nn');
    await Promise.all([page.waitForURL(/signedOut=1/), page.click('form[action="/console/sign-out"] button')]);
    expect(await page.locator('.notice--success').innerText()).toContain(word('nn', 'signIn.signedOut'));
    await expectNoAxeViolations(page, 'signed out (nn)');
    await open('/console/settings');
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');

    await signIn(viewer);
    await open('/console/settings?lang=nn');
    expect(await page.locator('.notice--info').innerText()).toContain(word('nn', 'settings.readOnly'));
    expect(await page.locator('form[action="/console/settings"]').count()).toBe(0);
    await expectNoAxeViolations(page, 'settings read-only (nn)');
    await open('/console/settings/reminders');
    expect(await page.locator('.notice--info').innerText()).toContain(word('nn', 'settings.readOnly'));
    expect(await page.locator('form[action="/console/settings/reminders"]').count()).toBe(0);
    expect(await page.locator('dl.facts').innerText()).toContain('30');
    await expectNoAxeViolations(page, 'reminders read-only (nn)');
    const csrf = page.locator('form[action="/console/sign-out"] input[type="hidden"]').first();
    const token = { [(await csrf.getAttribute('name'))!]: (await csrf.getAttribute('value'))! };
    expect((await page.request.post(`${base}/console/settings/reminders`, { form: { ...token, retentionDays: '5' }, maxRedirects: 0 })).status()).toBe(403);
    expect(((await (await api.request('GET', '/api/v1/scheduling-settings')).json()) as { retentionDays: number }).retentionDays).toBe(30);

    // The export links are for coordinators, as the API's exports are.
    await open('/console/contacts');
    expect(await page.locator('a[href^="/api/v1/contacts/export.csv"]').count()).toBe(0);
    expect((await page.request.get(`${base}/api/v1/contacts/export.csv`)).status()).toBe(403);
    await open('/console/contacts/new', 403);
    expect(await heading()).toBe(word('nn', 'errors.forbiddenTitle'));
    await expectNoAxeViolations(page, 'forbidden (nn)');
    await open('/console/settings/audit', 403);
  });
});
