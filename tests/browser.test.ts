import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './helpers/browser.ts';
import { buildIn, copyProject } from './helpers/project-copy.ts';
import { serveStatic } from './helpers/serve.ts';

let site: ReturnType<typeof copyProject>;
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;

before(async () => {
  site = copyProject();
  buildIn(site.dir);
  server = await serveStatic(join(site.dir, 'dist'));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.cleanup();
});

test('should find the D-GraB paper by a word inside its math, and open it', async () => {
  const page = await browser.newPage();
  const origin = new URL(server.url).origin;
  const foreign: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith('data:')) foreign.push(request.url());
  });

  await page.goto(server.url);
  await page.getByLabel('Search the abstracts').fill('PairBalance');
  await page.getByLabel('Search the abstracts').press('Enter');
  await page.waitForURL(/\/search\/\?q=PairBalance/);

  const result = page.locator('.pagefind-ui__result-link').first();
  await result.waitFor({ timeout: 15_000 });
  assert.match(await result.innerText(), /Gradient Balancing \(GraB\)/);
  await result.click();
  await page.waitForURL(/\/papers\/gradient-balancing-grab/);

  assert.match(await page.locator('h1').innerText(), /^Gradient Balancing \(GraB\)/);
  assert.ok((await page.locator('article .katex').count()) >= 2, 'math is rendered');
  assert.deepEqual(foreign, [], 'requests left the site');
  await page.close();
});

test('should answer a URL with ?q= with results on load', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}search/?q=quantization`);
  await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
  assert.equal(await page.locator('.pagefind-ui__search-input').inputValue(), 'quantization');
  assert.ok((await page.locator('.pagefind-ui__result-link').count()) >= 3);
  await page.close();
});
