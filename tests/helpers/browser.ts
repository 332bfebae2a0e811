import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

/** axe-core's minified build (650 kB; `axe.source` is the 1.5 MB unminified one): the same rules, a fifth faster to load. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * What axe-core finds wrong on the page as it is now, a line per rule broken ("rule: nodes"),
 * prefixed by `where`. axe runs in the page itself, with its default rules and options and
 * configured as @axe-core/playwright's legacy mode configures it (same-origin frames; our pages
 * have none). That package put axe's unminified source into the page twice a check and did more
 * round trips; once, minified, is enough: a check takes 40 % of the time. Over the
 * 48 page, theme and width combinations of tests/browser.test.ts both give the same rules
 * passed, broken, incomplete and not applicable, on the same nodes, with the same messages.
 */
export async function axeViolations(page: Page, where: string): Promise<string[]> {
  const violations = await page.evaluate(`(async () => {
    if (typeof window.axe?.run !== 'function') {
      ${AXE_SOURCE}
      ;axe.configure({ allowedOrigins: ['<same_origin>'], branding: { application: 'playwright' } });
    }
    const { violations } = await window.axe.run(document, {});
    return violations.map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target.join(' ')) }));
  })()`) as { id: string; targets: string[] }[];
  return violations.map((violation) => `${where}: ${violation.id}: ${violation.targets.slice(0, 3).join(', ')}`);
}
