import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, watchCsp } from './helpers/browser.ts';
import { readPapers } from './helpers/content.ts';
import { buildIn } from './helpers/project-copy.ts';
import { builtSeeds } from './helpers/shared-builds.ts';
import { serveStatic } from './helpers/serve.ts';

// Inputs no one writes on purpose but every large dump holds somewhere: an unbroken
// 1,000-character string, a formula KaTeX cannot render (1,600 characters of source), a long
// formula it can, a long URL, a title without a single space.
const SEQUENCE = 'ACGT'.repeat(250);
const BROKEN = `$\\frac{${'x+'.repeat(800)}$`;
const LONG_MATH = `$\\mathrm{${'a'.repeat(600)}}$`;
const URL = `https://example.org/${'p'.repeat(400)}`;
const FILLER = 'The rest of this abstract is ordinary prose about training neural networks with gradient descent, long enough for the listing parser to read it as an abstract rather than a title line.';
const PAPERS = [
  [`Sequence${'ACGT'.repeat(40)}`, `${SEQUENCE} is the sequence we study. ${FILLER}`, 'Dec 1, 2026'],
  ['A formula that cannot render', `We bound the loss by ${BROKEN} in every round. ${FILLER}`, 'Nov 30, 2026'],
  ['A formula too long for a phone', `Our identifier is ${LONG_MATH} and it is long. ${FILLER} Code: ${URL}.`, 'Nov 29, 2026'],
];
const DUMP = `Daily Papers\n\n${PAPERS.map(([title, abstract, date]) => `${title}\n\n${abstract}\n\n  • 2 authors\n·\n${date}\n`).join('\n')}`;

let site: ReturnType<typeof builtSeeds>;
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
let csp: string[] = [];
let slugs: string[];
let slugOf: (title: string) => string;
let topic: string;

before(async () => {
  site = builtSeeds('seeds'); // the suite's shared build, with the hostile dump added: an incremental build
  writeFileSync(join(site.dir, 'seeds', 'zz-hostile.txt'), DUMP);
  buildIn(site.dir);
  const papers = readPapers<{ title: string; topics: string[] }>(site.dir);
  slugs = [...papers].filter(([, paper]) => PAPERS.some(([title]) => title === paper.title)).map(([slug]) => slug);
  slugOf = (title) => [...papers].find(([, paper]) => paper.title === title)![0];
  topic = papers.get(slugs[0])!.topics[0];
  server = await serveStatic(join(site.dir, 'dist'));
  browser = await launchBrowser();
  csp = watchCsp(browser);
});

after(async () => {
  await browser?.close();
  await server?.close();
  site?.cleanup();
});

test('should fit a 320 px screen on every kind of page, whatever an abstract holds', async () => {
  assert.equal(slugs.length, 3, 'every hostile paper has a page');
  const page = await browser.newPage({ viewport: { width: 320, height: 700 } });
  const paths = ['', 'latest/', 'topics/', `topics/${topic}/`, 'sources/zz-hostile/', ...slugs.map((slug) => `papers/${slug}/`), 'search/?q=ACGT', 'search/?q=formula', 'no-such-page/'];
  const wide: string[] = [];
  for (const path of paths) {
    await page.goto(server.url + path);
    await page.waitForLoadState('networkidle');
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    if (scroll > client) wide.push(`/${path} is ${scroll} px wide on a ${client} px screen`);
  }
  assert.deepEqual(wide, []);
  // What does not fit is wrapped or scrolls within its box; none of it is dropped.
  await page.goto(`${server.url}papers/${slugOf('A formula that cannot render')}/`);
  assert.equal((await page.locator('.abstract .katex-error').innerText()).replace(/\s/g, ''), BROKEN.slice(1, -1));
  await page.goto(server.url);
  assert.ok((await page.locator('.card', { hasText: 'is the sequence we study' }).innerText()).replace(/\s/g, '').includes(SEQUENCE));
  await page.close();
});

test('should break no Content-Security-Policy rule on any page opened above', () => {
  assert.deepEqual(csp, []);
});
