import type { Page } from 'playwright-core';
import { LANGUAGES, type Language, type NewsletterStatistics } from '@hub/contracts';
import { DEMO_ORGANISATIONS } from '@hub/demo-data';
import { MailpitClient, TestRun, waitFor } from '@hub/testing';
import { consoleWord as word, expectJson as json } from '../../support/console-words';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { expectNoAxeViolations, launchBrowser, saveScreenshot, signInToConsole, TestBrowser } from '../../support/browser';
import { GatewayClient } from '../../support/gateway-client';
import { HubProcesses } from '../../support/hub-processes';
import { startSlowly } from '../campaigns/start-slowly';

jest.setTimeout(600_000);

const [owner] = DEMO_COORDINATORS;
const CONSENT = 'Signed up on paper at the network meeting';

/**
 * The console's newsletter area in real Chromium against gateway, audience, campaigns and delivery as processes on
 * the real stack (Kafka, FerretDB, Redis, Mailpit): write in two languages, preview, test-send, send to a small
 * list and watch the progress page reach "completed"; narrow a send's audience (refused beside the field, counted,
 * then sent: the statistics show the filter and its recipients); axe on every new page in every language, the audience
 * form refused included; and sending with the keyboard alone.
 */
describe('coordinator console: newsletters in a real browser', () => {
  const run = new TestRun();
  const hub = new HubProcesses(run);
  const mailpit = new MailpitClient(run.stack.mailpitUrl);
  let api: GatewayClient;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let listId: string;
  let sentId: string;
  let draftId: string;
  const lund = DEMO_ORGANISATIONS.lund;
  const audienceForm = 'form[aria-labelledby="audience-heading"]';
  const sendNow = `${audienceForm} button:not([formaction])`;

  const heading = () => page.locator('h1').innerText();
  const open = async (path: string, status = 200) => {
    const response = await page.goto(`${base}${path}`);
    expect(response?.status()).toBe(status);
  };
  const stateOf = async (id: string) => (await json<{ state: string }>(api.request('GET', `/api/v1/newsletters/${id}`))).state;
  /** Waits on the progress page until its own script reloads it at the end of the send and the statistics show. */
  const watchUntilCompleted = async (id: string) => {
    await page.locator('table caption', { hasText: word('en', 'newsletters.statistics') }).waitFor({ timeout: 180_000 }).catch(async (error: Error) => {
      throw new Error(`${error.message}; state ${await stateOf(id)}\n${hub.logs('campaigns')}\n${hub.logs('delivery')}`);
    });
  };

  beforeAll(async () => {
    await startSlowly(hub, ['gateway', 'audience', 'campaigns', 'delivery'], { SEND_SWEEP_INTERVAL_SECONDS: '1' });
    base = hub.url('gateway');
    api = new GatewayClient(base);
    expect((await api.signIn(owner.email, owner.password)).status).toBe(200);
    // The footer of every issue carries the postal address; campaigns renders previews once it has the profile.
    await json(api.request('PATCH', '/api/v1/network', { sender: { fromName: 'Klimatkommunerna', fromAddress: 'kansliet@klimatkommunerna.example', replyTo: null, postalAddress: 'Box 1, 111 11 Stockholm' } }));
    listId = (await json<{ id: string }>(api.request('POST', '/api/v1/lists', { names: { sv: `Konsolbrev ${run.id}`, en: `Console letters ${run.id}` }, optInMode: 'single', defaultLanguage: 'sv' }), 201)).id;
    for (const [local, language] of [['reader-sv', 'sv'], ['reader-en', 'en']]) {
      await json(api.request('POST', '/api/v1/contacts', { email: run.email(local), language, listIds: [listId], consentBasis: CONSENT }), 201);
    }
    browser = await launchBrowser();
    page = browser.page;
    await signInToConsole(page, base, owner, '/console/sign-in?lang=en');
  });

  afterAll(async () => {
    await browser?.close();
    await hub.stopAll();
    await run.cleanup();
  });

  it('writes a newsletter in two languages, previews it, test-sends it, sends it and watches the progress bar reach completed', async () => {
    await open('/console/newsletters?lang=en');
    expect(await heading()).toBe(word('en', 'newsletters.title'));
    await expectNoAxeViolations(page, 'newsletters (en)');
    await Promise.all([page.waitForURL(/\/console\/newsletters\/new/), page.click(`a:has-text("${word('en', 'newsletters.new')}")`)]);
    expect(await heading()).toBe(word('en', 'newsletters.newTitle'));
    await expectNoAxeViolations(page, 'new newsletter (en)');

    // Refused: errors beside the fields, what was typed kept.
    await page.fill('#subject_sv', 'Bara ämne');
    await page.click('form[action="/console/newsletters/new"] button[type=submit]');
    expect(await page.locator('#listIds-error').innerText()).toContain(word('en', 'newsletters.errors.listIds'));
    expect(await page.locator('#markdown_sv-error').innerText()).toContain(word('en', 'newsletters.errors.markdown'));
    expect(await page.inputValue('#subject_sv')).toBe('Bara ämne');
    await expectNoAxeViolations(page, 'new newsletter with errors (en)');
    await saveScreenshot(page, 'en', 'console-newsletter-errors');

    await page.check(`input[name="listIds"][value="${listId}"]`);
    await page.fill('#subject_sv', `Konsolbrevet ${run.id}`);
    await page.fill('#preheader_sv', 'Nytt från nätverket');
    await page.fill('#markdown_sv', '# Hej\n\nNyheter från **konsolen**.');
    await page.fill('#subject_en', `Console letter ${run.id}`);
    await page.fill('#markdown_en', '# Hello\n\nNews from the **console**.');
    await Promise.all([page.waitForURL(/\/console\/newsletters\/[^/?]+\?done=created/), page.click('form[action="/console/newsletters/new"] button[type=submit]')]);
    sentId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    expect(await page.locator('.notice--success').innerText()).toContain(word('en', 'newsletters.done.created'));

    // Side by side: both languages' previews as campaigns renders them, in sandboxed frames.
    await waitFor('both previews', async () => {
      await page.reload();
      return (await page.locator('iframe.newsletter-preview').count()) === 2 ? true : undefined;
    }, { timeoutMs: 60_000, intervalMs: 1_000 });
    expect(await page.getAttribute('iframe.newsletter-preview >> nth=0', 'sandbox')).toBe('');
    const frames = page.frames().filter((frame) => frame !== page.mainFrame());
    const texts = await Promise.all(frames.map((frame) => frame.locator('body').innerText()));
    expect(texts.some((text) => text.includes('Nyheter från konsolen'))).toBe(true);
    expect(texts.some((text) => text.includes('News from the console') && text.includes('Box 1, 111 11 Stockholm'))).toBe(true);
    await expectNoAxeViolations(page, 'newsletter editor with previews (en)');
    await saveScreenshot(page, 'en', 'console-newsletter-editor');

    await page.fill('#addresses', run.email('tester'));
    await page.selectOption('#testLanguage', 'en');
    await Promise.all([page.waitForURL(/done=tested/), page.click('form[action$="/test-send"] button')]);
    const [copy] = await mailpit.waitForMessagesTo(run.email('tester'), 1, 60_000);
    expect(copy.Subject).toBe(`Console letter ${run.id}`);
    expect(await stateOf(sentId)).toBe('draft');

    await Promise.all([page.waitForURL(/\/progress$/), page.click(sendNow)]);
    expect(await heading()).toBe(word('en', 'newsletters.progressOf', { subject: `Console letter ${run.id}` }));
    expect(await page.getAttribute('[data-progress-status]', 'aria-live')).toBe('polite');
    await watchUntilCompleted(sentId);
    expect(await page.locator('progress').getAttribute('value')).toBe('2');
    expect(await page.locator('[data-progress-status]').innerText()).toBe(word('en', 'newsletters.finishedSummary', { done: '2', recipients: '2', state: word('en', 'newsletters.states.completed') }));
    await expectNoAxeViolations(page, 'progress, completed (en)');
    await saveScreenshot(page, 'en', 'console-newsletter-progress');

    expect(await stateOf(sentId)).toBe('completed');
    expect((await mailpit.waitForMessagesTo(run.email('reader-sv'), 1, 60_000)).map((m) => m.Subject)).toEqual([`Konsolbrevet ${run.id}`]);
    expect((await mailpit.waitForMessagesTo(run.email('reader-en'), 1, 60_000)).map((m) => m.Subject)).toEqual([`Console letter ${run.id}`]);
  });

  it('narrows a send to an organisation, a role and an attribute: refused beside the field, counted, sent, and shown with its recipients', async () => {
    // Two climate advisers in Skåne at Lund match; Lund's mayor and an adviser elsewhere, on the same list, do not.
    const filterList = (await json<{ id: string }>(api.request('POST', '/api/v1/lists', { names: { en: `Advisers ${run.id}` }, optInMode: 'single', defaultLanguage: 'en' }), 201)).id;
    const people: Array<[string, Record<string, unknown>]> = [
      ['adviser-1', { organisationId: lund.id, role: 'Climate adviser', attributes: { region: 'skane' } }],
      ['adviser-2', { organisationId: lund.id, role: 'climate adviser', attributes: { region: 'skane', size: 'large' } }],
      ['mayor', { organisationId: lund.id, role: 'Mayor', attributes: { region: 'skane' } }],
      ['elsewhere', { role: 'Climate adviser', attributes: { region: 'skane' } }],
    ];
    for (const [local, profile] of people) {
      await json(api.request('POST', '/api/v1/contacts', { email: run.email(local), language: 'en', listIds: [filterList], consentBasis: CONSENT, ...profile }), 201);
    }
    const { id } = await json<{ id: string }>(api.request('POST', '/api/v1/newsletters', { listIds: [filterList], issues: { en: { subject: `Advisers ${run.id}`, markdown: 'For the advisers.' } } }), 201);
    await open(`/console/newsletters/${id}?lang=en`);

    // A malformed attribute line is refused beside its field, with everything typed kept.
    await page.check(`${audienceForm} input[name="organisationIds"][value="${lund.id}"]`);
    await page.fill('#roles', 'climate adviser');
    await page.fill('#attributes', 'region skane');
    await Promise.all([page.waitForURL(/\/send$/), page.click(sendNow)]);
    expect(await page.locator('#attributes-error').innerText()).toBe(word('en', 'audienceFilter.errors.attributes'));
    expect(await page.getAttribute('#attributes', 'aria-invalid')).toBe('true');
    expect(await page.locator('.error-summary a[href="#attributes"]').innerText()).toBe(word('en', 'audienceFilter.errors.attributes'));
    expect(await page.inputValue('#attributes')).toBe('region skane');
    expect(await page.inputValue('#roles')).toBe('climate adviser');
    expect(await page.isChecked(`input[name="organisationIds"][value="${lund.id}"]`)).toBe(true);
    expect(await stateOf(id)).toBe('draft');
    await expectNoAxeViolations(page, 'newsletter audience refused (en)');
    await saveScreenshot(page, 'en', 'console-newsletter-audience-refused');

    // Counted before sending, the form as typed.
    await page.fill('#attributes', 'region=skane');
    await Promise.all([page.waitForURL(/\/audience-count$/), page.click(`${audienceForm} button[formaction$="/audience-count"]`)]);
    expect(await page.locator(`${audienceForm} [role=status]`).innerText()).toBe(word('en', 'audienceFilter.counted', { count: '2' }));
    expect(await page.inputValue('#attributes')).toBe('region=skane');
    await expectNoAxeViolations(page, 'newsletter audience counted (en)');

    await Promise.all([page.waitForURL(/\/progress$/), page.click(sendNow)]);
    await watchUntilCompleted(id);
    const table = page.locator('table', { has: page.locator('caption', { hasText: word('en', 'newsletters.statistics') }) });
    expect(await table.locator('tr', { hasText: word('en', 'newsletters.stats.recipients') }).locator('td').innerText()).toBe('2');
    const shown = page.locator('section[aria-labelledby="audience-summary"]');
    expect(await shown.locator('dt').allInnerTexts()).toEqual([word('en', 'audienceFilter.organisations'), word('en', 'audienceFilter.roles'), word('en', 'audienceFilter.attributes')]);
    expect(await shown.locator('dd').allInnerTexts()).toEqual([lund.name, 'climate adviser', 'region = skane']);
    await expectNoAxeViolations(page, 'statistics with an audience filter (en)');
    const statistics = await json<NewsletterStatistics>(api.request('GET', `/api/v1/newsletters/${id}/statistics`));
    expect(statistics).toMatchObject({ recipients: 2, audienceFilter: { organisationIds: [lund.id], roles: ['climate adviser'], attributes: { region: ['skane'] } } });

    // The newsletter's own page shows the filter it went out with.
    await open(`/console/newsletters/${id}`);
    expect(await page.locator('section[aria-labelledby="audience-summary"] dd').allInnerTexts()).toEqual([lund.name, 'climate adviser', 'region = skane']);
    for (const local of ['adviser-1', 'adviser-2']) await mailpit.waitForMessagesTo(run.email(local), 1, 60_000);
  });

  it.each(LANGUAGES)('shows the newsletter pages in %s without axe violations', async (language) => {
    const pages: Array<[string, string, string]> = [
      ['newsletters', `/console/newsletters?lang=${language}`, word(language, 'newsletters.title')],
      ['newsletter-new', '/console/newsletters/new', word(language, 'newsletters.newTitle')],
      ['newsletter-sent', `/console/newsletters/${sentId}`, word(language, 'newsletters.editTitle', { subject: language === 'en' ? `Console letter ${run.id}` : `Konsolbrevet ${run.id}` })],
      ['newsletter-progress', `/console/newsletters/${sentId}/progress`, word(language, 'newsletters.progressOf', { subject: language === 'en' ? `Console letter ${run.id}` : `Konsolbrevet ${run.id}` })],
      ['delivery', '/console/delivery', word(language, 'delivery.title')],
    ];
    for (const [name, path, title] of pages) {
      await open(path);
      expect(await heading()).toBe(title);
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      await expectNoAxeViolations(page, `${name} (${language})`);
      await saveScreenshot(page, language, `console-${name}`);
    }

    // The audience form refused beside its field, in the page's language.
    draftId ??= (await json<{ id: string }>(api.request('POST', '/api/v1/newsletters', { listIds: [listId], issues: { sv: { subject: `Utkast ${run.id}`, markdown: 'Utkast.' } } }), 201)).id;
    await open(`/console/newsletters/${draftId}`);
    await page.fill('#attributes', 'region');
    await Promise.all([page.waitForURL(/\/send$/), page.click(sendNow)]);
    expect(await page.locator('#attributes-error').innerText()).toBe(word(language, 'audienceFilter.errors.attributes'));
    expect(await page.inputValue('#attributes')).toBe('region');
    await expectNoAxeViolations(page, `newsletter audience refused (${language})`);
    await open('/console?lang=en');
  });

  it('schedules a send at a local time in the network\'s zone, refuses a missing time beside the field, and cancels it', async () => {
    const { id } = await json<{ id: string }>(api.request('POST', '/api/v1/newsletters', { listIds: [listId], issues: { sv: { subject: `Schemalagt ${run.id}`, markdown: 'Senare.' } } }), 201);
    await open(`/console/newsletters/${id}?lang=sv`);
    expect(await page.locator('label[for="localTime"]').innerText()).toBe(word('sv', 'newsletters.localTime', { zone: 'Europe/Stockholm' }));
    await page.click('button[formaction$="/schedule"]');
    expect(await page.locator('#localTime-error').innerText()).toBe(word('sv', 'newsletters.errors.localTime'));
    await expectNoAxeViolations(page, 'schedule refused (sv)');
    await page.fill('#localTime', '2030-01-15T09:00');
    await Promise.all([page.waitForURL(/done=scheduled/), page.click('button[formaction$="/schedule"]')]);
    const scheduled = await json<{ state: string; sendAtLocal: string; sendAt: string }>(api.request('GET', `/api/v1/newsletters/${id}`));
    expect(scheduled).toMatchObject({ state: 'scheduled', sendAt: '2030-01-15T08:00:00.000Z' });
    expect(scheduled.sendAtLocal.slice(0, 16)).toBe('2030-01-15T09:00');
    expect(await page.inputValue('#localTime')).toBe('2030-01-15T09:00');
    await Promise.all([page.waitForURL(/done=cancel/), page.click('form[action$="/cancel"] button')]);
    expect(await stateOf(id)).toBe('cancelled');
    expect(await page.locator('.notice--success').innerText()).toContain(word('sv', 'newsletters.done.cancel'));
  });

  it('sends a newsletter with the keyboard alone (Tab and Enter)', async () => {
    const { id } = await json<{ id: string }>(
      api.request('POST', '/api/v1/newsletters', { listIds: [listId], issues: { sv: { subject: `Tangentbord ${run.id}`, markdown: 'Med tangentbordet.' }, en: { subject: `Keyboard ${run.id}`, markdown: 'By keyboard.' } } }),
      201,
    );
    await open(`/console/newsletters/${id}?lang=en`);
    const sendNow = word('en', 'newsletters.actions.send');
    let focused = '';
    for (let presses = 0; presses < 120 && focused !== sendNow; presses++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => ((globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement?.textContent ?? '').trim());
    }
    expect(focused).toBe(sendNow);
    await Promise.all([page.waitForURL(/\/progress$/), page.keyboard.press('Enter')]);
    await watchUntilCompleted(id);
    expect(await stateOf(id)).toBe('completed');
  });
});
