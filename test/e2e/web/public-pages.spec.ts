import type { Page } from 'playwright-core';
import { LANGUAGES, type Language } from '@hub/contracts';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_NETWORKS } from '@hub/demo-data';
import { KafkaTopicReader, MailpitClient, TestRun, waitFor } from '@hub/testing';
import { SITE_PAGES_CATALOG } from '../../../apps/gateway/src/network-site/site-pages.catalog';
import { PAGE_CATALOG } from '../../../apps/gateway/src/pages/page-catalog';
import { PREFERENCES_PAGE_CATALOG } from '../../../apps/gateway/src/preferences/preferences-page.catalog';
import { REGISTRATION_PAGE_CATALOG } from '../../../apps/gateway/src/network-events/registration-page.catalog';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { expectNoAxeViolations, launchBrowser, saveScreenshot, TestBrowser } from '../../support/browser';
import { GatewayClient } from '../../support/gateway-client';
import { HubProcesses } from '../../support/hub-processes';

jest.setTimeout(600_000);

/** A catalogue's text by dotted key, so the test checks the words a person in that language reads. */
function word(catalogue: Record<Language, object>, language: Language, key: string): string {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue[language]) as string;
}

/**
 * The public pages in real Chromium (Debian's package via playwright-core), against all five services as
 * processes: axe-core (WCAG 2.1 A/AA) on every page in every language, empty and with errors; keyboard-only
 * subscribe → confirm → preferences → unsubscribe with the mail read from Mailpit; register for a webinar →
 * confirmation with its invite → cancel. Screenshots land in test-artifacts/screenshots/<language>/.
 */
describe('public pages in a real browser', () => {
  const run = new TestRun();
  const hub = new HubProcesses(run);
  const mailpit = new MailpitClient(run.stack.mailpitUrl);
  const network = DEMO_NETWORKS.find((n) => n.slug === 'klimatkommunerna')!;
  const [owner] = DEMO_COORDINATORS;
  let coordinator: GatewayClient;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let eventId: string;

  beforeAll(async () => {
    // Several form posts per language within a minute: above the default sign-up limit, which is not under test here.
    await hub.start(undefined, { SUBSCRIBE_RATE_LIMIT_PER_MINUTE: '1000' });
    base = hub.url('gateway');
    coordinator = new GatewayClient(base);
    expect((await coordinator.signIn(owner.email, owner.password)).status).toBe(200);
    // The network offers all six languages in this run, so every page is seen in each.
    const settings = await coordinator.request('PATCH', '/api/v1/network', { languages: ['sv', 'nb', 'nn', 'da', 'fi', 'en'] });
    expect(settings.status).toBe(200);
    const startsAt = new Date(Date.now() + 30 * 24 * 3_600_000);
    startsAt.setUTCHours(9, 0, 0, 0);
    const created = await coordinator.request('POST', '/api/v1/network-events', {
      kind: 'webinar',
      title: { sv: 'Webbinarium om klimatbudget', en: 'Webinar on carbon budgets', nb: 'Webinar om klimabudsjett', nn: 'Webinar om klimabudsjett', da: 'Webinar om klimabudget', fi: 'Webinaari hiilibudjetista' },
      description: { sv: 'Hur kommuner räknar och följer upp sin koldioxidbudget.\n\nMed exempel från Lund och Umeå.', en: 'How municipalities set and follow up a carbon budget.' },
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
      timeZone: 'Europe/Stockholm',
      joinUrl: 'https://meet.example/budget-room',
      organiser: { name: 'Klimatkommunerna', email: 'kansliet@klimatkommunerna.example' },
      capacity: 40,
      questions: [
        { id: 'role', kind: 'text', required: true, label: { sv: 'Din roll', en: 'Your role', nb: 'Din rolle', nn: 'Rolla di', da: 'Din rolle', fi: 'Roolisi' } },
        {
          id: 'track',
          kind: 'choice',
          required: true,
          label: { sv: 'Spår', en: 'Track', nb: 'Spor', nn: 'Spor', da: 'Spor', fi: 'Osio' },
          options: [
            { id: 'intro', label: { sv: 'Introduktion', en: 'Introduction', nb: 'Introduksjon', nn: 'Introduksjon', da: 'Introduktion', fi: 'Johdanto' } },
            { id: 'deep', label: { sv: 'Fördjupning', en: 'In depth', nb: 'Fordypning', nn: 'Fordjuping', da: 'Fordybelse', fi: 'Syventävä' } },
          ],
        },
        { id: 'recording', kind: 'yes-no', label: { sv: 'Vill du ha inspelningen?', en: 'Would you like the recording?', nb: 'Vil du ha opptaket?', nn: 'Vil du ha opptaket?', da: 'Vil du have optagelsen?', fi: 'Haluatko tallenteen?' } },
      ],
    });
    expect(created.status).toBe(201);
    eventId = ((await created.json()) as { id: string }).id;
    expect((await coordinator.request('POST', `/api/v1/network-events/${eventId}/transitions`, { to: 'published' })).status).toBe(200);
    browser = await launchBrowser();
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await hub.stopAll();
    await run.cleanup();
  });

  const open = async (path: string, expectedStatus = 200) => {
    const response = await page.goto(`${base}${path}`);
    expect(response?.status()).toBe(expectedStatus);
  };

  /** Presses Tab until the element matching `selector` has the focus: how a keyboard user reaches a control. */
  const tabTo = async (selector: string, limit = 80) => {
    for (let presses = 0; presses < limit; presses++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((s) => (globalThis as unknown as { document: { activeElement: { matches(s: string): boolean } | null } }).document.activeElement?.matches(s) ?? false, selector)) return;
    }
    throw new Error(`${selector} not reached with ${limit} presses of Tab`);
  };

  const heading = () => page.locator('h1').innerText();

  it('links one stylesheet, versioned by its content and cached for a year', async () => {
    const html = await (await fetch(`${base}/networks/${network.slug}`)).text();
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(html)![1];
    expect(href).toMatch(/^\/assets\/hub\.css\?v=[0-9a-f]{12}$/);
    const css = await fetch(`${base}${href}`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await css.text()).toContain(':focus-visible{outline:3px solid');
  });

  it('fails the accessibility check on a page with violations, naming them', async () => {
    await page.setContent('<html><body><img src="x.png"><input type="text"></body></html>');
    await expect(expectNoAxeViolations(page, 'a broken page')).rejects.toThrow(/a broken page:[\s\S]*- html-has-lang[\s\S]*- image-alt[\s\S]*- label/);
  });

  it.each(LANGUAGES)('passes axe on every public page in %s, empty and with errors, and keeps what was typed', async (language) => {
    const slug = network.slug;
    const pages: Array<[string, string, number?]> = [
      ['home', `/?lang=${language}`],
      ['landing', `/networks/${slug}?lang=${language}`],
      ['events', `/networks/${slug}/events?lang=${language}`],
      ['event', `/networks/${slug}/events/${eventId}?lang=${language}`],
      ['accessibility', `/networks/${slug}/accessibility?lang=${language}`],
      ['hub-accessibility', `/accessibility?lang=${language}`],
      ['lookup', `/lookup?lang=${language}&q=malmo`],
      ['confirm', `/subscriptions/confirm?token=not-a-token&lang=${language}`],
      ['one-click', `/unsubscribe/one-click?token=not-a-token&lang=${language}`],
      ['registration-invalid', `/registrations/manage?token=not-a-token&lang=${language}`, 400],
    ];
    for (const [name, path, status] of pages) {
      await open(path, status);
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      await expectNoAxeViolations(page, `${name} (${language})`);
      if (['home', 'landing', 'events', 'event', 'accessibility'].includes(name)) await saveScreenshot(page, language, name);
    }

    // The statement names Sweden's supervisory authority, and the feedback address.
    await open(`/networks/${slug}/accessibility?lang=${language}`);
    expect(await page.locator('main').innerText()).toContain('Myndigheten för digital förvaltning');
    expect(await page.locator('main a[href^="mailto:"]').innerText()).toBe(network.sender.fromAddress);

    // Subscribe with a bad address: the error stands next to the field in the page's language, the text stays.
    await open(`/networks/${slug}?lang=${language}`);
    await page.fill('#email', 'not-an-address');
    await page.fill('#name', 'Åsa Ek');
    await Promise.all([page.waitForNavigation(), page.locator('form[action$="/subscribe"] button[type=submit]').click()]);
    expect(await page.locator('#email-error').innerText()).toContain(word(PAGE_CATALOG, language, 'subscribe.invalidEmail'));
    expect(await page.getAttribute('#email', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#email', 'aria-describedby')).toBe('email-error');
    expect(await page.inputValue('#email')).toBe('not-an-address');
    expect(await page.inputValue('#name')).toBe('Åsa Ek');
    await expectNoAxeViolations(page, `subscribe errors (${language})`);
    if (language === 'nn') await saveScreenshot(page, language, 'landing-errors');

    // Register with only a name: every other required field says what is missing; the name stays.
    await open(`/networks/${slug}/events/${eventId}?lang=${language}`);
    await page.fill('#name', 'Åsa Ek');
    await Promise.all([page.waitForNavigation(), page.locator('form[action$="/register"] button[type=submit]').click()]);
    expect(await page.inputValue('#name')).toBe('Åsa Ek');
    expect(await page.locator('#email-error').innerText()).toContain(word(SITE_PAGES_CATALOG, language, 'register.errors.email'));
    expect(await page.locator('#q-role-error').innerText()).toContain(word(SITE_PAGES_CATALOG, language, 'register.errors.required'));
    expect(await page.locator('#q-track-error').innerText()).toContain(word(SITE_PAGES_CATALOG, language, 'register.errors.required'));
    expect(await page.locator('#consent-error').innerText()).toContain(word(SITE_PAGES_CATALOG, language, 'register.errors.consent'));
    expect(await page.locator('#q-recording-error').count()).toBe(0);
    expect(await page.locator('.error-summary li').count()).toBe(4);
    await expectNoAxeViolations(page, `registration errors (${language})`);
    if (language === 'nn') await saveScreenshot(page, language, 'event-errors');
  });

  it('subscribes, confirms, saves preferences and unsubscribes with the keyboard only, from the email’s link', async () => {
    const language: Language = 'nn';
    const email = run.email('keyboard');
    await open(`/networks/${network.slug}?lang=${language}`);
    await tabTo('#email');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Kari Nordmann');
    // A person takes longer than the bot trap's minimum between seeing the form and sending it.
    await page.waitForTimeout(3_200);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await heading()).toBe(word(PAGE_CATALOG, language, 'subscribe.sentTitle'));
    await expectNoAxeViolations(page, 'subscribe sent');

    const [message] = await mailpit.waitForMessagesTo(email, 1, 60_000);
    const link = /https?:\/\/[^/\s]+(\/subscriptions\/confirm\?token=[^\s]+)/.exec(message.Text)![1];
    const confirmed = await new KafkaTopicReader(run.stack.kafkaBrokers, `${run.topicPrefix}audience.subscription.confirmed`).start();
    let preferencesToken: string;
    try {
      await open(link);
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      await tabTo('main button[type=submit]');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(await heading()).toBe(word(PAGE_CATALOG, language, 'confirm.confirmedTitle'));
      await expectNoAxeViolations(page, 'confirmed');
      // The preferences link of every newsletter is built from the token this event carries (see delivery).
      const event = await waitFor('the subscription.confirmed event', () => confirmed.messages.find((m) => m.value?.includes(email)));
      preferencesToken = (JSON.parse(event.value!) as { payload: { preferencesToken: string } }).payload.preferencesToken;
    } finally {
      await confirmed.stop();
    }

    await open(`/preferences?token=${encodeURIComponent(preferencesToken)}`);
    expect(await page.getAttribute('html', 'lang')).toBe(language);
    await saveScreenshot(page, language, 'preferences');
    await tabTo('#name');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Kari N.');
    await tabTo('form[action="/preferences"] button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await page.locator('.notice--success').innerText()).toBe(word(PREFERENCES_PAGE_CATALOG, language, 'savedBody'));
    expect(await page.inputValue('#name')).toBe('Kari N.');
    await expectNoAxeViolations(page, 'preferences saved');

    await tabTo('form[action="/preferences/unsubscribe"] button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await heading()).toBe(word(PREFERENCES_PAGE_CATALOG, language, 'unsubscribedTitle'));
    await expectNoAxeViolations(page, 'unsubscribed');
    const contacts = (await (await coordinator.request('GET', `/api/v1/contacts?q=${encodeURIComponent(email)}`)).json()) as { items: Array<{ email: string; name: string; suppression: string | null }> };
    expect(contacts.items.find((contact) => contact.email === email)).toMatchObject({ name: 'Kari N.', suppression: 'unsubscribed' });
  });

  it('registers for a webinar with the keyboard only, gets the confirmation with its invite, and cancels', async () => {
    const language: Language = 'sv';
    const email = run.email('webinar');
    await open(`/networks/${network.slug}/events/${eventId}?lang=${language}`);
    await tabTo('#name');
    await page.keyboard.type('Sven Svensson');
    await tabTo('#email');
    await page.keyboard.type(email);
    await tabTo('#q-role');
    await page.keyboard.type('Klimatstrateg');
    await tabTo('#q-track-1');
    await page.keyboard.press('ArrowDown'); // arrows move within a radio group and choose: "Fördjupning"
    await tabTo('#q-recording-1');
    await page.keyboard.press('Space');
    await tabTo('#consent');
    await page.keyboard.press('Space');
    await tabTo('form[action$="/register"] button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await heading()).toBe(word(SITE_PAGES_CATALOG, language, 'register.done.confirmed'));
    await expectNoAxeViolations(page, 'registered');
    await saveScreenshot(page, language, 'registered');

    const registrations = (await (await coordinator.request('GET', `/api/v1/network-events/${eventId}/registrations`)).json()) as { items: Array<{ email: string; answers: Record<string, unknown> }> };
    expect(registrations.items.find((registration) => registration.email === email)?.answers).toEqual({ role: 'Klimatstrateg', track: 'deep', recording: true });

    const [confirmation] = await mailpit.waitForMessagesTo(email, 1, 60_000);
    const source = await (await fetch(`${run.stack.mailpitUrl}/api/v1/message/${confirmation.ID}/raw`)).text();
    expect(source).toMatch(/text\/calendar;[^\n]*method=REQUEST/i);
    const manage = /https?:\/\/[^/\s]+(\/registrations\/manage\?token=[^\s]+)/.exec(confirmation.Text)![1];
    await open(manage);
    expect(await page.locator('main').innerText()).toContain(word(REGISTRATION_PAGE_CATALOG, language, 'status.confirmed'));
    expect(await page.locator('main a[href="https://meet.example/budget-room"]').count()).toBe(1);
    await expectNoAxeViolations(page, 'own registration');
    await saveScreenshot(page, language, 'registration');

    await tabTo('form[action="/registrations/manage/cancel"] button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await heading()).toBe(word(REGISTRATION_PAGE_CATALOG, language, 'cancelledTitle'));
    await expectNoAxeViolations(page, 'cancelled');
    await mailpit.waitForMessagesTo(email, 2, 60_000);
  });

  it('asks for the organisation on a members-only event, from the network’s members, and registers only a member', async () => {
    const language: Language = 'sv';
    const created = await coordinator.request('POST', '/api/v1/network-events', {
      kind: 'webinar',
      title: { sv: 'Nätverksträff för medlemmar' },
      description: { sv: 'Bara för medlemskommunerna.' },
      startsAt: new Date(Date.now() + 40 * 24 * 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 40 * 24 * 3_600_000 + 3_600_000).toISOString(),
      timeZone: 'Europe/Stockholm',
      joinUrl: 'https://meet.example/members-room',
      organiser: { name: 'Klimatkommunerna', email: 'kansliet@klimatkommunerna.example' },
      capacity: 10,
      visibility: 'members',
    });
    expect(created.status).toBe(201);
    const membersEventId = ((await created.json()) as { id: string }).id;
    expect((await coordinator.request('POST', `/api/v1/network-events/${membersEventId}/transitions`, { to: 'published' })).status).toBe(200);
    await open(`/networks/${network.slug}/events/${membersEventId}?lang=${language}`);
    // Lund is a member; Höör's observation ended in 2024, so it is not offered.
    const offered = await page.locator('select#organisationId option').allInnerTexts();
    expect(offered).toContain('Lund');
    expect(offered).not.toContain('Höör');
    await expectNoAxeViolations(page, 'members-only event');

    const email = run.email('member');
    await page.fill('#name', 'Maria Medlem');
    await page.fill('#email', email);
    await page.check('#consent');
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/register"] button[type=submit]')]);
    expect(await page.locator('#organisationId-error').innerText()).toBe(word(SITE_PAGES_CATALOG, language, 'register.errors.organisationId'));
    expect(await page.inputValue('#name')).toBe('Maria Medlem');
    await expectNoAxeViolations(page, 'members-only event, no organisation');

    await page.selectOption('#organisationId', { label: 'Lund' });
    await page.check('#consent');
    await Promise.all([page.waitForNavigation(), page.click('form[action$="/register"] button[type=submit]')]);
    expect(await heading()).toBe(word(SITE_PAGES_CATALOG, language, 'register.done.confirmed'));
    const registrations = (await (await coordinator.request('GET', `/api/v1/network-events/${membersEventId}/registrations`)).json()) as { items: Array<{ email: string; organisation: string }> };
    expect(registrations.items.find((registration) => registration.email === email)?.organisation).toBe('Lund');
  });

  it('lets a municipality’s own site embed the sign-up form, which the script sends cross-origin with the answer shown inline', async () => {
    const snippet = (await (await coordinator.request('GET', '/api/v1/subscribe-snippet?lang=sv')).json()) as { language: string; html: string; scriptUrl: string };
    expect(snippet.language).toBe('sv');
    expect(snippet.html).toContain('action="http://hub.test/networks/klimatkommunerna/subscribe"');
    // The test's hub is not at PUBLIC_BASE_URL; the municipality's page is served from an origin of its own.
    const municipalityPage = `<!doctype html><html lang="sv"><head><title>Lunds kommun</title></head><body><main><h1>Nyhetsbrev</h1>${snippet.html.replaceAll('http://hub.test', base)}</main></body></html>`;
    const site: Server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(municipalityPage));
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    try {
      const email = run.email('embedded');
      await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
      await expectNoAxeViolations(page, 'embedded snippet');
      const feedback = page.locator('[data-hub-feedback]');
      await page.fill('input[name="email"]', 'inte-en-adress');
      await page.locator('form[data-hub-subscribe] button').click();
      await waitFor('the inline error', async () => ((await feedback.innerText()).includes(word(PAGE_CATALOG, 'sv', 'subscribe.invalidEmail')) ? true : undefined));
      expect(await page.getAttribute('input[name="email"]', 'aria-invalid')).toBe('true');
      await page.fill('input[name="email"]', email);
      await page.locator('form[data-hub-subscribe] button').click();
      await waitFor('the inline confirmation', async () => ((await feedback.innerText()).includes(word(PAGE_CATALOG, 'sv', 'subscribe.sentBody')) ? true : undefined));
      expect(new URL(page.url()).port).toBe(String((site.address() as AddressInfo).port));
      const [message] = await mailpit.waitForMessagesTo(email, 1, 60_000);
      expect(message.Subject).toBe('Bekräfta din prenumeration');
    } finally {
      // Chromium keeps the connection alive; close() alone would wait for it to time out.
      site.closeAllConnections();
      await new Promise((resolve) => site.close(resolve));
    }
  });
});
