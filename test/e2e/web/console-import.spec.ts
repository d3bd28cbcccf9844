import type { APIResponse, Page, Route } from 'playwright-core';
import { LANGUAGES, type Language } from '@hub/contracts';
import { DEMO_NETWORKS } from '@hub/demo-data';
import { loadConfig } from '@hub/config';
import { LOCALE_OF } from '@hub/mail';
import { TestRun, waitFor } from '@hub/testing';
import { audienceConfigSchema } from '../../../apps/audience/src/audience.config';
import { AudienceModule } from '../../../apps/audience/src/audience.module';
import { CONSOLE_CATALOG } from '../../../apps/gateway/src/console/console.catalog';
import { CONSOLE_IMPORTS_CATALOG } from '../../../apps/gateway/src/console/console-imports.catalog';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { gatewayConfigSchema } from '../../../apps/gateway/src/gateway.config';
import { GatewayModule } from '../../../apps/gateway/src/gateway.module';
import { PAGE_CATALOG } from '../../../apps/gateway/src/pages/page-catalog';
import { hardenGateway } from '../../../apps/gateway/src/security/http-hardening';
import { schedulingConfigSchema } from '../../../apps/scheduling/src/scheduling.config';
import { SchedulingModule } from '../../../apps/scheduling/src/scheduling.module';
import { expectNoAxeViolations, launchBrowser, saveScreenshot, signInToConsole, TestBrowser } from '../../support/browser';
import { GatewayClient } from '../../support/gateway-client';
import { InProcessApp, startInProcess } from '../../support/in-process-app';

jest.setTimeout(600_000);

const [owner] = DEMO_COORDINATORS;
const network = DEMO_NETWORKS.find((n) => n.slug === 'klimatkommunerna')!;

/** A catalogue's words for a dotted key, with its values filled in, as a person reading that language sees them. */
function word(catalogue: Record<Language, object>, language: Language, key: string, values: Record<string, string> = {}): string {
  const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue[language]) as string;
  return Object.entries(values).reduce((out, [name, value]) => out.replaceAll(`{{${name}}}`, value), text);
}
/** What the progress page's script polls. */
const IMPORT_POLL = '**/api/v1/contacts/imports/*';
const imports = (language: Language, key: string, values?: Record<string, string>) => word(CONSOLE_IMPORTS_CATALOG, language, key, values);

/**
 * The console's CSV import and the HTML 404 pages in real Chromium against gateway, audience and scheduling on the
 * real stack: upload → map the columns → follow the progress to its summary → the contacts in the list, with the
 * keyboard; axe-core (WCAG 2.1 A/AA) on each new page empty, filled and refused; 404 pages in several languages
 * while the API keeps its JSON errors.
 */
describe('contact import and 404 pages in a real browser', () => {
  const run = new TestRun();
  let apps: InProcessApp[] = [];
  let api: GatewayClient;
  let browser: TestBrowser;
  let page: Page;
  let base: string;
  let listId: string;

  beforeAll(async () => {
    const audience = await startInProcess(AudienceModule.forRoot(loadConfig(audienceConfigSchema, run.env())));
    const scheduling = await startInProcess(SchedulingModule.forRoot(loadConfig(schedulingConfigSchema, run.env())));
    const gateway = await startInProcess(GatewayModule.forRoot(loadConfig(gatewayConfigSchema, run.env({ AUDIENCE_URL: audience.url, SCHEDULING_URL: scheduling.url, CONSOLE_IMPORT_MAX_MB: '1' }))), hardenGateway);
    apps = [gateway, scheduling, audience];
    base = gateway.url;
    api = new GatewayClient(base);
    expect((await api.signIn(owner.email, owner.password)).status).toBe(200);
    const list = await api.request('POST', '/api/v1/lists', { names: { sv: 'Importlistan', en: 'The import list' }, optInMode: 'single', defaultLanguage: 'sv' });
    expect(list.status).toBe(201);
    listId = ((await list.json()) as { id: string }).id;
    browser = await launchBrowser();
    page = browser.page;
    await signInToConsole(page, base, owner);
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
  const submit = (selector: string) => Promise.all([page.waitForNavigation(), page.click(selector)]);

  /** Presses Tab until the element matching `selector` has the focus: how a keyboard user reaches a control. */
  const tabTo = async (selector: string, limit = 80) => {
    for (let presses = 0; presses < limit; presses++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((s) => (globalThis as unknown as { document: { activeElement: { matches(s: string): boolean } | null } }).document.activeElement?.matches(s) ?? false, selector)) return;
    }
    throw new Error(`${selector} not reached with ${limit} presses of Tab`);
  };

  const csv = (rows: string[]) => ({ name: 'kontakter.csv', mimeType: 'text/csv', buffer: Buffer.from(`${rows.join('\r\n')}\r\n`) });

  it('imports a CSV with the keyboard: upload, map the columns, follow the progress, see the contacts', async () => {
    const language: Language = 'sv';
    const [ana, bo, dy] = ['ana', 'bo', 'dy'].map((local) => run.email(local));
    await open(`/console/contacts?lang=${language}`);
    await tabTo('a[href="/console/imports"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(await heading()).toBe(imports(language, 'upload.title'));

    await tabTo('#file');
    await page.setInputFiles('#file', csv(['E-post,Namn,Språk,Kommun,Anteckning', `${ana},Ana Berg,sv,Lund,ring först`, `${bo},Bo Dahl,,Umeå,`, 'inte-en-adress,Cy Ek,sv,Malmö,', `${dy},Dy Fors,xx,Malmö,`]));
    await tabTo(`input[name="listIds"][value="${listId}"]`);
    await page.keyboard.press('Space');
    await tabTo('#consentBasis');
    await page.keyboard.type('Anmälde sig på papper vid träffen 2026');
    await tabTo('form[action="/console/imports"] button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

    // The mapping: guessed from the Swedish headings, shown over the first rows.
    expect(await heading()).toBe(imports(language, 'mapping.title'));
    expect(await page.locator('main').innerText()).toContain(imports(language, 'mapping.intro', { file: 'kontakter.csv', rows: '4' }));
    expect(await page.locator('table tbody tr').count()).toBe(4);
    expect(await page.inputValue('#column-0')).toBe('email');
    expect(await page.inputValue('#column-1')).toBe('name');
    expect(await page.inputValue('#column-2')).toBe('language');
    expect(await page.inputValue('#column-3')).toBe('attribute');
    expect(await page.inputValue('#key-3')).toBe('kommun');
    expect(await page.inputValue('#column-4')).toBe('attribute');
    await expectNoAxeViolations(page, 'import mapping (sv)');
    await saveScreenshot(page, language, 'console-import-mapping');

    // "Anteckning" is not imported: the last choice of its list, reached with the keyboard.
    await tabTo('#column-4');
    await page.keyboard.press('End');
    expect(await page.inputValue('#column-4')).toBe('ignore');
    const mappingUrl = page.url();
    await tabTo('form[action^="/console/imports/uploads/"] button[type=submit]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    const progressUrl = page.url();

    // The progress page follows the import (its script reloads at the end) and ends in the summary.
    expect(await heading()).toBe(imports(language, 'progress.title'));
    const summary = imports(language, 'progress.done', { processed: '4', created: '2', updated: '0', rejected: '2' });
    await waitFor('the import summary', async () => ((await page.locator('.notice--success').count()) > 0 ? true : undefined), { timeoutMs: 60_000 });
    expect(await page.locator('.notice--success').innerText()).toBe(summary);
    expect(await page.getAttribute('#import-progress-bar', 'value')).toBe(await page.getAttribute('#import-progress-bar', 'max'));
    const rejected = await page.locator('main table tbody tr').allInnerTexts();
    expect(rejected).toHaveLength(2);
    // The reasons in the page's language, from audience's codes.
    expect(rejected).toEqual([`4\t${imports(language, 'reasons.email-invalid', { column: 'E-post' })}`, `5\t${imports(language, 'reasons.language-invalid', { column: 'Språk' })}`]);
    await expectNoAxeViolations(page, 'import summary (sv)');
    await saveScreenshot(page, language, 'console-import-done');
    // The upload became this import: going back to the mapping leads to it, and the import is not started twice.
    await page.goto(mappingUrl);
    expect(page.url()).toBe(progressUrl);
    await page.goto(progressUrl);

    await tabTo(`a[href="/console/contacts?listId=${listId}"]`);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    const listed = await page.locator('main table tbody th').allInnerTexts();
    expect(listed.sort()).toEqual([ana, bo].sort());

    const contacts = ((await (await api.request('GET', `/api/v1/contacts?listId=${listId}`)).json()) as { items: Array<{ email: string; name: string; language: string; attributes: Record<string, string>; subscriptions: Array<{ status: string }> }> }).items;
    expect(contacts.find((contact) => contact.email === ana)).toMatchObject({ name: 'Ana Berg', language: 'sv', attributes: { kommun: 'Lund' }, subscriptions: [{ status: 'confirmed' }] });
    expect(contacts.find((contact) => contact.email === bo)).toMatchObject({ name: 'Bo Dahl', language: network.defaultLanguage, attributes: { kommun: 'Umeå' } });
  });

  it('imports a semicolon file saved by a Danish Excel (Windows-1252) and gives the rejections in Danish', async () => {
    const language: Language = 'da';
    const text = ['E-mail;Navn;Sprog', `${run.email('soren')};Søren Ærø;da`, 'ikke-en-adresse;Åse;da', `${run.email('bo-dk')};"Bo; jr";dk`].join('\r\n');
    const windows1252 = Buffer.from([...text].map((char) => ({ ø: 0xf8, Æ: 0xc6, Å: 0xc5 })[char] ?? char.charCodeAt(0)));
    await open(`/console/imports?lang=${language}`);
    await page.setInputFiles('#file', { name: 'kontakter.csv', mimeType: 'text/csv', buffer: windows1252 });
    await page.check(`input[name="listIds"][value="${listId}"]`);
    await page.fill('#consentBasis', 'Tilmeldt på papir ved mødet 2026');
    await submit('form[action="/console/imports"] button[type=submit]');

    // Three columns, split at the semicolons, with the Danish letters read right.
    expect(await heading()).toBe(imports(language, 'mapping.title'));
    expect(await page.locator('table thead th').allInnerTexts()).toEqual(['E-mail', 'Navn', 'Sprog']);
    expect(await page.locator('table tbody tr').first().locator('td').allInnerTexts()).toEqual([run.email('soren'), 'Søren Ærø', 'da']);
    expect(await page.locator('table tbody tr').nth(2).locator('td').nth(1).innerText()).toBe('Bo; jr');
    expect([await page.inputValue('#column-0'), await page.inputValue('#column-1'), await page.inputValue('#column-2')]).toEqual(['email', 'name', 'language']);
    await submit('form[action^="/console/imports/uploads/"] button[type=submit]');

    await waitFor('the import summary', async () => ((await page.locator('.notice--success').count()) > 0 ? true : undefined), { timeoutMs: 60_000 });
    expect(await page.locator('.notice--success').innerText()).toBe(imports(language, 'progress.done', { processed: '3', created: '1', updated: '0', rejected: '2' }));
    const rejected = await page.locator('main table tbody tr').allInnerTexts();
    expect(rejected).toEqual([`3\t${imports(language, 'reasons.email-invalid', { column: 'E-mail' })}`, `4\t${imports(language, 'reasons.language-invalid', { column: 'Sprog' })}`]);
    expect(await page.locator('main table tbody td[lang]').count()).toBe(0);
    await expectNoAxeViolations(page, `import summary with rejections (${language})`);
    await saveScreenshot(page, language, 'console-import-semicolon-done');
  });

  it('moves the progress bar while a longer import runs, then reloads into the summary', async () => {
    const language: Language = 'nb';
    const size = 10_000;
    const rows = Array.from({ length: size }, (_, index) => `${run.email(`bulk${index}`)},Person ${index}`);
    // The page reloads itself into the summary as soon as a poll reads the import done, which may come while the
    // running page is still being checked. The browser holds such answers back until those checks are over, as a slow
    // network would; every other answer passes unchanged.
    const heldDone: Array<{ route: Route; response: APIResponse }> = [];
    let holdDone = true;
    await page.route(IMPORT_POLL, async (route) => {
      const response = await route.fetch();
      const job = (await response.json()) as { status: string };
      if (holdDone && job.status === 'done') heldDone.push({ route, response });
      else await route.fulfill({ response });
    });
    await open(`/console/imports?lang=${language}`);
    await page.setInputFiles('#file', csv(['E-post,Navn', ...rows]));
    await page.check(`input[name="listIds"][value="${listId}"]`);
    await page.fill('#consentBasis', 'Deltakere på samlingen 2026');
    await submit('form[action="/console/imports"] button[type=submit]');
    expect(await page.inputValue('#column-0')).toBe('email');
    await submit('form[action^="/console/imports/uploads/"] button[type=submit]');

    // Audience reports after each page of 1 000 rows: the page shows a part done without being reloaded.
    expect(await page.getAttribute('#import-progress-bar', 'max')).toBe(String(size));
    const progressUrl = page.url();
    await waitFor('a part of the rows read', async () => {
      const value = Number(await page.getAttribute('#import-progress-bar', 'value'));
      return value > 0 && value < size && page.url() === progressUrl && (await page.locator('.notice--success').count()) === 0 ? value : undefined;
    }, { timeoutMs: 120_000 });
    expect(await page.locator('[data-progress-reload]').isHidden()).toBe(true);
    const thousands = new Intl.NumberFormat(LOCALE_OF[language]).format(size);
    expect(await page.locator('[data-progress-status]').innerText()).toContain(`av ${thousands}`);
    await expectNoAxeViolations(page, `import running (${language})`);
    await saveScreenshot(page, language, 'console-import-running');
    expect(await page.locator('.notice--success').count()).toBe(0);

    holdDone = false;
    for (const { route, response } of heldDone) await route.fulfill({ response });
    await waitFor('the import summary', async () => ((await page.locator('.notice--success').count()) > 0 ? true : undefined), { timeoutMs: 120_000 });
    expect(await page.locator('.notice--success').innerText()).toBe(imports(language, 'progress.done', { processed: thousands, created: thousands, updated: '0', rejected: '0' }));
    await page.unroute(IMPORT_POLL);
  });

  it.each(LANGUAGES)('shows the upload form in %s without axe violations, empty and refused, keeping what was typed', async (language) => {
    await open(`/console/imports?lang=${language}`);
    expect(await heading()).toBe(imports(language, 'upload.title'));
    expect(await page.getAttribute('html', 'lang')).toBe(language);
    await expectNoAxeViolations(page, `import upload (${language})`);

    // Nothing chosen: every field says what is missing, in the page's language.
    await submit('form[action="/console/imports"] button[type=submit]');
    expect(await page.locator('#file-error').innerText()).toBe(imports(language, 'upload.errors.file'));
    expect(await page.locator('#listIds-error').innerText()).toBe(imports(language, 'upload.errors.listIds'));
    expect(await page.locator('#consentBasis-error').innerText()).toBe(imports(language, 'upload.errors.consentBasis'));
    expect(await page.locator('.error-summary h2').innerText()).toBe(word(CONSOLE_CATALOG, language, 'errorSummary'));
    await expectNoAxeViolations(page, `import upload refused (${language})`);

    // A file without rows under its headings: the rest of what was typed stays.
    await page.setInputFiles('#file', csv(['email,name']));
    await page.check(`input[name="listIds"][value="${listId}"]`);
    await page.fill('#consentBasis', 'Medlemmar i arbetsgruppen');
    await submit('form[action="/console/imports"] button[type=submit]');
    expect(await page.locator('#file-error').innerText()).toBe(imports(language, 'upload.errors.empty'));
    expect(await page.locator('#listIds-error').count()).toBe(0);
    expect(await page.isChecked(`input[name="listIds"][value="${listId}"]`)).toBe(true);
    expect(await page.inputValue('#consentBasis')).toBe('Medlemmar i arbetsgruppen');
    if (language === 'nn') await saveScreenshot(page, language, 'console-import-upload-errors');
  });

  it('refuses a file over the size limit, and a mapping without an email column, beside the field', async () => {
    const language: Language = 'fi';
    await open(`/console/imports?lang=${language}`);
    await page.setInputFiles('#file', { name: 'iso.csv', mimeType: 'text/csv', buffer: Buffer.alloc(1024 * 1024 + 1, 'a') });
    await page.check(`input[name="listIds"][value="${listId}"]`);
    await page.fill('#consentBasis', 'Verkoston jäsenet');
    await submit('form[action="/console/imports"] button[type=submit]');
    expect(await page.locator('#file-error').innerText()).toBe(imports(language, 'upload.errors.fileTooLarge', { megabytes: '1' }));

    await page.setInputFiles('#file', csv(['Sähköposti,Nimi,Nimi2', `${run.email('eeva')},Eeva,E`]));
    await submit('form[action="/console/imports"] button[type=submit]');
    expect(await heading()).toBe(imports(language, 'mapping.title'));
    expect(await page.inputValue('#column-0')).toBe('email');
    await page.selectOption('#column-0', 'ignore');
    await page.selectOption('#column-1', 'name');
    await page.selectOption('#column-2', 'name');
    await page.fill('#key-1', 'Ei Kelpaa');
    await submit('form[action^="/console/imports/uploads/"] button[type=submit]');
    expect(await page.locator('#mapping-error').innerText()).toBe(imports(language, 'mapping.errors.email'));
    expect(await page.locator('#column-2-error').innerText()).toBe(imports(language, 'mapping.errors.duplicate', { target: imports(language, 'targets.name') }));
    // What was chosen stays chosen.
    expect(await page.inputValue('#column-0')).toBe('ignore');
    expect(await page.inputValue('#key-1')).toBe('Ei Kelpaa');
    await expectNoAxeViolations(page, `import mapping refused (${language})`);
    await saveScreenshot(page, language, 'console-import-mapping-errors');
  });

  it('sends an upload without a session, or without the form’s CSRF token, to the sign-in page', async () => {
    const form = () => {
      const body = new FormData();
      body.append('listIds', listId);
      body.append('consentBasis', 'Medlemmar');
      body.append('file', new Blob(['email\na@b.se\n'], { type: 'text/csv' }), 'a.csv');
      return body;
    };
    const anonymous = await fetch(`${base}/console/imports`, { method: 'POST', body: form(), redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toMatch(/^\/console\/sign-in\?/);
    const cookie = (await browser.context.cookies(base)).map((c) => `${c.name}=${c.value}`).join('; ');
    const withoutToken = await fetch(`${base}/console/imports`, { method: 'POST', body: form(), headers: { cookie }, redirect: 'manual' });
    expect(withoutToken.status).toBe(303);
    expect(withoutToken.headers.get('location')).toMatch(/^\/console\/sign-in\?/);
  });

  it('answers unknown networks, events, console ids and addresses no route matches with a 404 page in the visitor’s language; the API keeps JSON', async () => {
    for (const [language, path] of [
      ['nb', '/networks/finnes-ikke?lang=nb'],
      ['fi', '/networks/ei-ole/events?lang=fi'],
      ['sv', `/networks/${network.slug}/events/00000000-0000-4000-8000-000000000000?lang=sv`],
    ] as Array<[Language, string]>) {
      await open(path, 404);
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      expect(await heading()).toBe(word(PAGE_CATALOG, language, 'notFound.title'));
      expect(await page.locator(`main a[href="/?lang=${language}"]`).innerText()).toBe(word(PAGE_CATALOG, language, 'notFound.home'));
      await expectNoAxeViolations(page, `404 ${path}`);
    }
    await saveScreenshot(page, 'sv', 'not-found');

    // Without ?lang=, the browser's language decides.
    const danish = await fetch(`${base}/networks/findes-ikke`, { headers: { accept: 'text/html', 'accept-language': 'da-DK,da;q=0.9,en;q=0.5' } });
    expect(danish.status).toBe(404);
    expect(await danish.text()).toContain(`<h1>${word(PAGE_CATALOG, 'da', 'notFound.title')}</h1>`);

    for (const [language, path] of [
      ['da', '/console/imports/00000000-0000-4000-8000-000000000000?lang=da'],
      ['en', '/console/imports/uploads/not-an-upload?lang=en'],
      ['nn', '/console/contacts/not-a-contact?lang=nn'],
    ] as Array<[Language, string]>) {
      await open(path, 404);
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      expect(await heading()).toBe(word(CONSOLE_CATALOG, language, 'errors.notFoundTitle'));
      expect(await page.locator('main a[href="/console"]').count()).toBe(1);
      await expectNoAxeViolations(page, `console 404 ${path}`);
    }

    // Addresses no route matches: the same pages, and JSON only under /api.
    for (const [language, path, catalogue, key] of [
      ['fi', '/networks/ei-ole/ei-mitaan?lang=fi', PAGE_CATALOG, 'notFound.title'],
      ['sv', '/ingenting/alls?lang=sv', PAGE_CATALOG, 'notFound.title'],
      ['nn', '/console/ingenting?lang=nn', CONSOLE_CATALOG, 'errors.notFoundTitle'],
    ] as Array<[Language, string, Record<Language, object>, string]>) {
      await open(path, 404);
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      expect(await heading()).toBe(word(catalogue, language, key));
      await expectNoAxeViolations(page, `unmatched 404 ${path}`);
    }
    const unmatchedDanish = await fetch(`${base}/nonsense`, { headers: { accept: 'text/html', 'accept-language': 'da' } });
    expect(unmatchedDanish.status).toBe(404);
    expect(await unmatchedDanish.text()).toContain(`<h1>${word(PAGE_CATALOG, 'da', 'notFound.title')}</h1>`);
    for (const path of ['/api/nonsense', '/api/v1/nonsense', '/api/v1/contacts/imports/x/nonsense']) {
      const unmatchedApi = await fetch(`${base}${path}`, { headers: { accept: 'text/html' } });
      expect(unmatchedApi.status).toBe(404);
      expect(unmatchedApi.headers.get('content-type')).toMatch(/^application\/json/);
    }

    const json = await api.request('GET', '/api/v1/contacts/imports/00000000-0000-4000-8000-000000000000');
    expect(json.status).toBe(404);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    const publicJson = await fetch(`${base}/api/v1/networks/finnes-ikke/events`);
    expect(publicJson.status).toBe(404);
    expect(publicJson.headers.get('content-type')).toMatch(/^application\/json/);
    // The embed script asks the sign-up route for JSON, and keeps getting it.
    const embedded = await fetch(`${base}/networks/finnes-ikke/subscribe`, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=a%40b.no' });
    expect(embedded.status).toBe(404);
    expect(embedded.headers.get('content-type')).toMatch(/^application\/json/);
  });
});
