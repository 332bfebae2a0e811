import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, as installed by `.ci/run`; override with CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launch headless Chromium with the flags this closed network needs. Its pages run without the
 * site's offline worker unless a test asks for it (`newContext({ serviceWorkers: 'allow' })`): a
 * reader's first visit, before the worker takes over, and no copy of the whole site into the
 * offline cache for every page a test opens. The tests of offline reading allow it.
 */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext({ serviceWorkers: 'block', ...options });
    if (options?.serviceWorkers === 'allow') withWorker.add(context);
    return context;
  };
  return browser;
}

/** The contexts opened with the offline worker allowed. */
const withWorker = new WeakSet<BrowserContext>();

/** What a context that installs the site's offline worker is opened with. */
export const WITH_OFFLINE_WORKER = { serviceWorkers: 'allow' } as const;

/**
 * Collect every Content-Security-Policy violation of every page the browser opens from now on
 * (Chromium reports each on the page's console, workers' included): a test file ends by
 * asserting the list is empty, so a script, style or WebAssembly module the policy blocks fails
 * the tests instead of silently breaking a feature.
 */
export function watchCsp(browser: Browser): string[] {
  const violations: string[] = [];
  const watch = (context: BrowserContext) => {
    context.on('console', (message) => {
      if (/Content[ -]Security[ -]Policy/i.test(message.text())) violations.push(`${message.page()?.url() ?? 'worker'}: ${message.text().slice(0, 300)}`);
    });
    context.on('weberror', (error) => {
      if (/Content[ -]Security[ -]Policy|wasm-unsafe-eval|EvalError/i.test(String(error.error()))) violations.push(`${error.page()?.url()}: ${error.error()}`);
    });
    return context;
  };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => watch(await newContext(options));
  browser.newPage = async (options) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    // As Playwright's own newPage does: the page owns its context.
    const close = page.close.bind(page);
    page.close = async (closeOptions) => {
      await close(closeOptions);
      await context.close();
    };
    return page;
  };
  return violations;
}

/** Wait until the page is controlled by the site's offline worker (installed and active). */
export async function untilOffline(page: Page): Promise<void> {
  if (!withWorker.has(page.context())) throw new Error('This page runs without the offline worker: open its context with browser.newContext(WITH_OFFLINE_WORKER)');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
  });
}

/**
 * What axe-core finds wrong on the page as it is now, a line per rule broken ("rule: nodes"),
 * prefixed by `where`. Run in the page itself (axe's legacy mode): the default opens a blank
 * page per check to merge the results of each frame, which doubles the time of a check, and
 * our pages have no frames. On every page and theme the accessibility tests check, both modes
 * give the same rules passed, broken, incomplete and not applicable, on the same nodes.
 */
export async function axeViolations(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  return violations.map((violation) => `${where}: ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`);
}
