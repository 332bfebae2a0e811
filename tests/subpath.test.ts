import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, untilOffline, watchCsp, WITH_OFFLINE_WORKER } from './helpers/browser.ts';
import { listFiles } from './helpers/files.ts';
import { parseHtml, selectAll } from './helpers/html.ts';
import { buildIn, copyProject } from './helpers/project-copy.ts';
import { readSearch } from './helpers/search.ts';
import { serveStatic } from './helpers/serve.ts';
import { mapDrawn } from './helpers/map.ts';

/** The site built for https://atlas.example.net/atlas/ and served from /atlas/, as on a shared host. */
const ENV = { ATLAS_SITE: 'https://atlas.example.net', ATLAS_BASE: '/atlas/' };
let site: ReturnType<typeof copyProject>;
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
let csp: string[] = [];
const dist = () => join(site.dir, 'dist');
/** The id of the build in dist/ (what names its offline cache). */
const buildOf = () => (JSON.parse(readFileSync(join(dist(), 'build.json'), 'utf8')) as { build: string }).build;

before(async () => {
  site = copyProject();
  buildIn(site.dir, ENV);
  server = await serveStatic(dist(), '/atlas/');
  browser = await launchBrowser();
  csp = watchCsp(browser);
});
after(async () => {
  await browser?.close();
  await server?.close();
  site?.cleanup();
});

test('should point every link, script, style and form of every page under /atlas/', () => {
  const pages = listFiles(dist()).filter((file) => file.endsWith('.html'));
  assert.ok(pages.length > 150);
  for (const file of pages) {
    const root = parseHtml(readFileSync(join(dist(), file), 'utf8'));
    // Links in abstracts may point anywhere; everything else of ours lives under /atlas/.
    for (const url of selectAll('a[href]', root).map((node) => String(node.properties.href))) {
      if (!/^(https?:|mailto:|#)/.test(url)) assert.ok(url.startsWith('/atlas/'), `${file}: ${url}`);
    }
    const own = [
      ...selectAll('link[href]', root).map((node) => String(node.properties.href)),
      ...selectAll('script[src], img[src]', root).map((node) => String(node.properties.src)),
      ...selectAll('form[action]', root).map((node) => String(node.properties.action)),
    ];
    for (const url of own) assert.ok(url.startsWith('/atlas/') || url.startsWith('https://atlas.example.net/atlas/'), `${file}: ${url}`);
  }
});

test('should search, open results and work offline when served from /atlas/', async () => {
  const context = await browser.newContext(WITH_OFFLINE_WORKER);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Search papers').fill('PairBalance');
  await page.getByLabel('Search papers').press('Enter');
  await page.waitForURL(/\/atlas\/search\/\?q=PairBalance$/);
  const view = await readSearch(page);
  assert.match(view.results[0].href, /^\/atlas\/papers\/gradient-balancing-grab[^?]*\?highlight=pairbalance$/i);
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, server.url);
  await untilOffline(page);
  await context.setOffline(true);
  await page.goto(`${server.url}topics/pruning-sparsity/`);
  await page.locator('main .card h2 a').first().click();
  await page.waitForURL(/\/atlas\/papers\//);
  assert.ok((await page.locator('article h1').innerText()).length > 10);
  // The map under /atlas/, offline: a search highlights, a linked paper opens under /atlas/.
  await page.getByRole('link', { name: /on the map/ }).click();
  await page.waitForURL(/\/atlas\/map\/\?paper=/);
  await mapDrawn(page);
  await page.waitForFunction(() => /ringed/.test(document.querySelector('[data-map-status]')?.textContent ?? ''));
  await page.fill('#map-q', 'pruning');
  await page.press('#map-q', 'Enter');
  await page.waitForFunction(() => /papers? match/.test(document.querySelector('[data-map-status]')?.textContent ?? ''));
  await page.locator('[data-map-frame]').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/atlas\/papers\/[^/]+\/$/);
  await context.close();
});

test('should replace the offline copy as a whole when a new build is published', async () => {
  const context = await browser.newContext(WITH_OFFLINE_WORKER);
  const page = await context.newPage();
  const paper = `${server.url}papers/gradient-balancing-grab-is-a-recently-proposed-technique-that-finds-provably/`;
  await page.goto(paper);
  await untilOffline(page);
  const firstBuild = buildOf();
  assert.deepEqual(await page.evaluate(() => caches.keys()), [`atlas-${firstBuild}`]);

  // Publish a new build: one abstract is corrected (after its first sentence, so its derived title and URL stay).
  const dump = join(site.dir, 'seeds', '000_d81bca234a2fd64b.txt');
  writeFileSync(dump, readFileSync(dump, 'utf8').replace('It converges at a faster rate', 'It converges, in a corrected dump, at a faster rate'));
  buildIn(site.dir, ENV);
  const secondBuild = buildOf();
  assert.notEqual(secondBuild, firstBuild);

  // Until the reader accepts, the old build is served whole; then the new one, whole.
  await page.reload();
  assert.doesNotMatch(await page.locator('article.paper').innerText(), /in a corrected dump/);
  const reload = page.getByRole('button', { name: 'Reload to see it' });
  await reload.waitFor({ timeout: 20_000 });
  await Promise.all([page.waitForEvent('load'), reload.click()]);
  await page.locator('article.paper', { hasText: 'in a corrected dump' }).waitFor({ timeout: 20_000 });
  assert.deepEqual(await page.evaluate(() => caches.keys()), [`atlas-${secondBuild}`]);
  // The search index is the new build's too.
  await page.goto(`${server.url}search/?q=corrected+dump`);
  const view = await readSearch(page);
  assert.match(view.results[0]?.excerpt ?? view.status, /in a corrected dump/);
  await context.close();
});

// The live bug of an id made of part of the inputs: a build whose pages are the same but whose
// search index is not (here astro.config.mjs asks for an index in parts) kept the old build id,
// so the new worker cached the new index under the old build's name, beside the old one's pages.
test('should never serve offline a page of one build with the search index of another, when only the configuration changed', async () => {
  const context = await browser.newContext(WITH_OFFLINE_WORKER);
  const page = await context.newPage();
  await page.goto(`${server.url}search/?q=pruning`);
  await untilOffline(page);
  const first = buildOf();
  assert.deepEqual(await page.evaluate(() => caches.keys()), [`atlas-${first}`]);

  // Only the configuration changes: the search index in parts of a third of the papers' text.
  const records = JSON.parse(readFileSync(join(site.dir, '.cache', 'atlas', 'search-records.json'), 'utf8')) as { content: string }[];
  const partMB = records.reduce((sum, record) => sum + Buffer.byteLength(record.content), 0) / 2.5 / 1e6;
  const config = join(site.dir, 'astro.config.mjs');
  const original = readFileSync(config, 'utf8');
  writeFileSync(config, original.replace('bibFiles: true,', `bibFiles: true, search: { partMB: ${partMB} },`));
  try {
    buildIn(site.dir, ENV);
  } finally {
    writeFileSync(config, original);
  }
  const second = buildOf();
  assert.notEqual(second, first, 'the search index changed but the build id did not');

  // The new build is installed whole, under its own name, and the old one is gone.
  await page.reload();
  const reload = page.getByRole('button', { name: 'Reload to see it' });
  await reload.waitFor({ timeout: 20_000 });
  await Promise.all([page.waitForEvent('load'), reload.click()]);
  await page.waitForFunction((name) => caches.keys().then((keys) => keys.length === 1 && keys[0] === name), `atlas-${second}`, { timeout: 20_000 });
  const offline = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((request) => new URL(request.url).pathname), `atlas-${second}`);
  assert.ok(offline.some((path) => path.startsWith('/atlas/pagefind/part-1/')), 'the new index parts are not in the offline copy');

  // Offline, the search answers from the new build's index, parts and all.
  await context.setOffline(true);
  await page.goto(`${server.url}search/?q=pruning`);
  const view = await readSearch(page);
  assert.ok(view.results.length > 0, view.status);
  await context.close();
});

test('should break no Content-Security-Policy rule on any page opened above', () => {
  assert.deepEqual(csp, []);
});
