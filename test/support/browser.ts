import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import axe from 'axe-core';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's `chromium` package; playwright-core drives it, and no browser is ever downloaded. */
export const CHROMIUM_PATH = process.env.HUB_CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const SCREENSHOTS = resolve(__dirname, '../../test-artifacts/screenshots');

export interface TestBrowser {
  context: BrowserContext;
  /** A page that the spec file reuses; open more with context.newPage(). */
  page: Page;
  close(): Promise<void>;
}

/**
 * One Chromium per spec file, with a fresh profile that is deleted on close, so no cookie or cache leaks between
 * runs. Fails loudly, naming the package to install, when the browser is missing.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian's package with "apt-get install -y chromium" (or set HUB_CHROMIUM_PATH)`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'hub-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1024, height: 800 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Runs axe-core (from node_modules) in the page for WCAG 2.1 A and AA; throws with every violation and its nodes. */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  // Evaluated through the DevTools protocol, which the pages' CSP (script-src 'self') rightly does not stop, unlike a
  // <script> tag. The test's tsconfig has no DOM types: the page's globals are reached through globalThis.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axe.source);
  const violations = await page.evaluate(async (tags) => {
    const inPage = globalThis as unknown as { axe: typeof axe; document: axe.ElementContext };
    const result = await inPage.axe.run(inPage.document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
    }));
  }, WCAG_21_AA);
  if (violations.length > 0) {
    const list = violations.map((v) => `- ${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `    ${n}`).join('\n')}`).join('\n');
    throw new Error(`axe found ${violations.length} WCAG 2.1 A/AA violation(s) on ${label}:\n${list}`);
  }
}

/** Saves a full-page screenshot as test-artifacts/screenshots/<language>/<name>.png. */
export async function saveScreenshot(page: Page, language: string, name: string): Promise<string> {
  const path = join(SCREENSHOTS, language, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Signs in through the console's own form (`path` may carry `?lang=`), as set-up for what a spec tests after it. */
export async function signInToConsole(page: Page, base: string, who: { email: string; password: string }, path = '/console/sign-in'): Promise<void> {
  await page.goto(`${base}${path}`);
  await page.fill('#email', who.email);
  await page.fill('#password', who.password);
  await Promise.all([page.waitForURL(/\/console(\?|$)/), page.click('form[action^="/console/sign-in"] button')]);
}
