import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { MANIFEST, splitParts, type IndexManifest } from '../scripts/index-search.ts';
import { greekNames } from '../src/lib/greek-names.ts';
import type { SearchRecord } from '../src/lib/search-records.ts';
import { launchBrowser, watchCsp } from './helpers/browser.ts';
import { hashTree } from './helpers/files.ts';
import { buildReport, copyProject, stepFacts } from './helpers/project-copy.ts';
import { readSearch } from './helpers/search.ts';
import { serveStatic } from './helpers/serve.ts';
import { MAP_IDS_FILE } from '../src/lib/map-format.ts';
import { builtSeeds } from './helpers/shared-builds.ts';

// The seeds built once (the suite's shared build: one index); then a dump is edited and the site
// built again, which adds a recent index beside the kept main one; then the index is built whole
// (a recent share of 0), for comparison.
let site: ReturnType<typeof copyProject>;
let browser: Browser;
let csp: string[] = [];
let dist = '';
/** The dump a day's papers were added to, and its text before: put back by the last test that builds. */
let dayEdit: { dump: string; original: string } | undefined;

before(async () => {
  site = builtSeeds('seeds');
  dist = join(site.dir, 'dist');
  browser = await launchBrowser();
  csp = watchCsp(browser);
});

after(async () => {
  await browser?.close();
  site?.cleanup();
});

const manifest = () => JSON.parse(readFileSync(join(dist, 'pagefind', MANIFEST), 'utf8')) as IndexManifest;
const records = () => JSON.parse(readFileSync(join(site.dir, '.cache', 'atlas', 'search-records.json'), 'utf8')) as SearchRecord[];

/** Every result the search page lists for a query string (pressing "Show more" to the end): title, link, date line. */
async function everyResult(page: Page, base: string, query: string): Promise<{ count: number; results: { title: string; href: string; meta: string }[] }> {
  await page.goto(`${base}search/?${query}`);
  const view = await readSearch(page);
  while (await page.locator('[data-search-more]').isVisible()) {
    const shown = await page.locator('[data-search-results] .result').count();
    await page.locator('[data-search-more]').click();
    await page.waitForFunction((before) => document.querySelectorAll('[data-search-results] .result').length > before, shown);
  }
  const results = await page.$$eval('[data-search-results] .result', (items) => items.map((item) => ({
    title: item.querySelector('h2')?.textContent ?? '',
    href: item.querySelector('h2 a')?.getAttribute('href') ?? '',
    meta: item.querySelector('.result-meta')?.textContent ?? '',
  })));
  return { count: view.count, results };
}

/** Every result of each query, from the site as built now. */
async function everyAnswer(queries: readonly string[]): Promise<Record<string, Awaited<ReturnType<typeof everyResult>>>> {
  const server = await serveStatic(dist);
  const page = await browser.newPage();
  try {
    const found: Record<string, Awaited<ReturnType<typeof everyResult>>> = {};
    for (const query of queries) found[query] = await everyResult(page, server.url, query);
    return found;
  } finally {
    await page.close();
    await server.close();
  }
}

test('should name the Greek letters a text writes, each once, as symbol or as TeX', () => {
  assert.deepEqual(greekNames('the temperature τ ≤ 1, with $\\varepsilon + \\Gamma$ and τ again, $\\alphabet$'), ['tau', 'epsilon', 'gamma']);
  assert.deepEqual(greekNames('no letters here, only Tau as a word'), []);
});

test('should index one record per paper, built from the data and not from the pages', () => {
  const all = records();
  assert.equal(all.length, 124);
  assert.ok(!existsSync(join(dist, 'atlas-search-records.json')), 'the records are not published');
  assert.deepEqual(all.map((record) => record.url), [...all.map((record) => record.url)].sort(), 'in path order');
  const grab = all.find((record) => record.meta.title === 'D-GraB that involves two novel designs')!;
  assert.match(grab.content, /\(1\) PairBalance that eliminates/);
  // Formulas as text where they read as text (the one that does not keeps its TeX, as on cards).
  assert.match(grab.content, /Õ\(\(mnT\)⁻²\) under PL condition/);
  assert.doesNotMatch(grab.content, /\\textsf/);
  const contrastive = all.find((record) => record.meta.title === 'Understanding the Behaviour of Contrastive Loss')!;
  assert.equal(contrastive.meta.symbols, 'tau');
  assert.match(contrastive.content, /temperature τ controls/);
  assert.doesNotMatch(contrastive.content, /\btau\b/, 'the name is searched beside the text, not written into it');
  assert.deepEqual(manifest(), { format: manifest().format, pages: 124, parts: [], recent: null, superseded: [] });
});

test('should rank papers with the query in their title above papers that mention it in passing', async () => {
  const server = await serveStatic(dist);
  const page = await browser.newPage();
  try {
    // Pagefind matches words by their stem: "Diffused" is the word "diffusion" to it, as "quantizing" is "quantization".
    for (const [query, stem] of [['diffusion', /diffus/i], ['contrastive', /contrast/i], ['quantization', /quantiz/i]] as const) {
      const { results } = await everyResult(page, server.url, `q=${query}`);
      const inTitle = results.map((result) => stem.test(result.title));
      assert.ok(inTitle[0], `${query}: the first result has it in its title`);
      const firstWithout = inTitle.indexOf(false);
      assert.ok(firstWithout > 0 && inTitle.slice(firstWithout).every((has) => !has), `${query}: ${results.map((result) => result.title).join(' | ')}`);
    }
    const { results } = await everyResult(page, server.url, 'q=diffusion');
    assert.deepEqual(results.slice(0, 2).map((result) => result.title).sort(), ['DifFace: Blind Face Restoration with Diffused Error Contraction', 'Diffusion-Driven Generation of Minimally Preprocessed Brain MRI']);
  } finally {
    await page.close();
    await server.close();
  }
});

test('should find a paper by the name of a Greek letter it writes as a symbol, with the symbol alone in the excerpt', async () => {
  const server = await serveStatic(dist);
  const page = await browser.newPage();
  try {
    await page.goto(`${server.url}search/?q=tau+temperature`);
    const view = await readSearch(page);
    assert.equal(view.results[0]?.title, 'Understanding the Behaviour of Contrastive Loss', view.status);
    assert.match(view.results[0].excerpt, /temperature τ controls/);
    assert.doesNotMatch(view.results[0].excerpt, /\btau\b/i, 'the name is not written into the excerpt');
    await page.goto(`${server.url}search/?q=tau`);
    const tau = await readSearch(page);
    assert.ok(tau.results.some((item) => item.title === 'Understanding the Behaviour of Contrastive Loss'), tau.status);
  } finally {
    await page.close();
    await server.close();
  }
});

test('should not move the page when results arrive, and announce their count', async () => {
  const server = await serveStatic(dist);
  const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
  try {
    await page.addInitScript(() => {
      (window as unknown as { shifts: number }).shifts = 0;
      new PerformanceObserver((entries) => {
        for (const entry of entries.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
          if (!entry.hadRecentInput) (window as unknown as { shifts: number }).shifts += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${server.url}search/?q=diffusion`);
    await readSearch(page);
    // Layout shifts are reported once the frames after the results are painted.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const shifts = await page.evaluate(() => (window as unknown as { shifts: number }).shifts);
    assert.ok(shifts <= 0.02, `cumulative layout shift ${shifts}`);
    const status = page.getByRole('status');
    assert.equal(await status.getAttribute('aria-live'), 'polite');
    assert.equal(await status.getAttribute('aria-atomic'), 'true');
    assert.equal(await status.textContent(), '4 papers for “diffusion”.');
  } finally {
    await page.close();
    await server.close();
  }
});

test('should add a day’s papers in a recent index beside the kept main one, and find what a full rebuild finds', async () => {
  const main = hashTree(join(dist, 'pagefind'));
  const dump = join(site.dir, 'seeds', '000_d81bca234a2fd64b.txt');
  const original = readFileSync(dump, 'utf8');
  dayEdit = { dump, original };
  const lines = original.trimEnd().split('\n');
  // One abstract corrected, one paper removed (the last line), one added.
  const edited = [
    lines[0].replace('Post-click conversion rate (CVR) estimation', 'Post-click conversion rate (CVR) prediction'),
    ...lines.slice(1, -1),
    'Abstract:Incremental indexing, tried here on a quokka census, keeps the main search index and adds a recent one for the papers of the day, with a temperature $\\tau$ too.',
  ];
  writeFileSync(dump, `${edited.join('\n')}\n`);
  // Words one index holds and the other does not: every word the search has must be in each
  // paper listed, as in one index ("pruning quokka": none; "index sparsity": not the day's paper,
  // which has no "sparsity").
  const queries = ['q=prediction', 'q=quokka', 'q=random+reshuffling', 'q=tau', 'q=pruning+quokka', 'q=index+sparsity', 'q=pruning+quokka&sort=newest', 'q=pruning&sort=newest', 'q=transfer&sort=oldest', 'topic=pruning-and-sparsity&sort=newest', 'q=learning&year=2024'];
  const answers = () => everyAnswer(queries);
  const search = stepFacts(buildReport(site.dir, { ATLAS_SEARCH_RECENT_SHARE: '0.5' }), 'search index');
  assert.deepEqual([search.papers, search.mode, search.recent, search.leftOut], [124, 'recent', 2, 2]);
  assert.deepEqual(manifest().recent, 'recent/');
  assert.equal(manifest().superseded.length, 2);
  const after = hashTree(join(dist, 'pagefind'));
  for (const [file, digest] of main) if (file !== MANIFEST && file !== MAP_IDS_FILE) assert.equal(after.get(file), digest, `${file} of the main index was rewritten`);
  assert.ok([...after.keys()].some((file) => file.startsWith('recent/fragment/')));
  const incremental = await answers();
  // The map finds the day's paper through the recent index too (its result ids are recorded).
  const server = await serveStatic(dist);
  const page = await browser.newPage();
  try {
    await page.goto(`${server.url}map/?q=quokka`);
    await page.waitForFunction(() => /match/.test(document.querySelector('[data-map-status]')?.textContent ?? ''));
    assert.match(await page.locator('[data-map-status]').innerText(), /^1 paper matches “quokka”/);
  } finally {
    await page.close();
    await server.close();
  }

  // The same pages, the index built whole (a share of 0: the recent index would hold more than
  // its share, so one index is built again): what a full build's index finds.
  const whole = stepFacts(buildReport(site.dir, { ATLAS_SEARCH_RECENT_SHARE: '0' }), 'search index');
  assert.deepEqual([whole.papers, whole.mode, whole.parts], [124, 'full', 1]);
  assert.equal(manifest().recent, null);
  const full = await answers();
  for (const query of queries) {
    const [a, b] = [incremental[query], full[query]];
    assert.equal(a.count, b.count, `${query}: the same number of papers`);
    assert.equal(a.results.length, a.count, `${query}: every result listed`);
    assert.deepEqual(a.results.map((result) => result.href).sort(), b.results.map((result) => result.href).sort(), `${query}: the same papers`);
    if (query.includes('sort=')) assert.deepEqual(a.results.map((result) => result.meta.split(' · ')[0]), b.results.map((result) => result.meta.split(' · ')[0]), `${query}: in the same date order`);
  }
  // The added paper is found, the corrected one by its new words, the removed one no more.
  assert.equal(incremental['q=quokka'].count, 1);
  assert.equal(incremental['q=pruning+quokka'].count, 0, 'papers on pruning from the main index, which has no "quokka"');
  assert.ok(incremental['q=prediction'].results.some((result) => /Post-click conversion rate/i.test(result.title) || result.href.includes('cvr')), JSON.stringify(incremental['q=prediction'].results));
});

test('should break no Content-Security-Policy rule on any page it opened', () => {
  assert.deepEqual(csp, []);
});

test('should build the main index in parts past its part size, and find what one index finds', async () => {
  const queries = ['q=prediction', 'q=random+reshuffling', 'q=pruning&sort=newest', 'q=transfer&sort=oldest', 'topic=pruning-sparsity&sort=newest', 'q=learning&year=2024', 'q=learning&sort=newest'];
  const answers = () => everyAnswer(queries);
  // The test above left one index, of the seeds with its day's edits (put back in the end).
  assert.equal(manifest().recent, null);
  assert.deepEqual(manifest().parts, []);
  const whole = await answers();
  try {
    // A part size that gives three parts: the paper text the build gave the index, in megabytes, over 2.5.
    const records = JSON.parse(readFileSync(join(site.dir, '.cache', 'atlas', 'search-records.json'), 'utf8')) as { content: string }[];
    const text = records.reduce((sum, record) => sum + Buffer.byteLength(record.content), 0);
    const search = stepFacts(buildReport(site.dir, { ATLAS_SEARCH_RECENT_SHARE: '0', ATLAS_SEARCH_PART_MB: String(text / 2.5 / 1e6) }), 'search index');
    assert.deepEqual([search.papers, search.mode, search.parts], [124, 'full', 3]);
    assert.deepEqual(manifest().parts, ['part-1/', 'part-2/']);
    const worker = readFileSync(join(dist, 'sw.js'), 'utf8');
    for (const part of manifest().parts) {
      assert.ok(existsSync(join(dist, 'pagefind', part, 'pagefind-entry.json')), part);
      // Searchable offline: the offline worker precaches every part as it does the main index.
      assert.ok(worker.includes(`pagefind/${part}pagefind-entry.json`), `${part} is not precached`);
      assert.match(worker, new RegExp(`pagefind/${part}index/`), `${part}'s index chunks are not precached`);
    }
    const parted = await answers();
    for (const query of queries) {
      const [a, b] = [parted[query], whole[query]];
      assert.ok(b.count > 0, `${query} finds something`);
      assert.equal(a.count, b.count, `${query}: the same number of papers`);
      assert.deepEqual(a.results.map((result) => result.href).sort(), b.results.map((result) => result.href).sort(), `${query}: the same papers`);
      if (query.includes('sort=')) assert.deepEqual(a.results.map((result) => result.meta.split(' · ')[0]), b.results.map((result) => result.meta.split(' · ')[0]), `${query}: in the same date order`);
    }
  } finally {
    // Back to one index of the seeds as they were: the parts' folders go.
    if (dayEdit) writeFileSync(dayEdit.dump, dayEdit.original);
    buildReport(site.dir, { ATLAS_SEARCH_RECENT_SHARE: '0' });
    assert.deepEqual(manifest().parts, []);
    assert.ok(!existsSync(join(dist, 'pagefind', 'part-1')), 'a part of the old index was left');
  }
});

test('should split records into as few near-equal parts as hold at most the part size', () => {
  const one = () => 1;
  assert.deepEqual(splitParts([1, 2, 3, 4, 5], one, 2).map((part) => part.length), [2, 2, 1]);
  assert.deepEqual(splitParts([1, 2, 3, 4, 5, 6, 7], one, 3), [[1, 2, 3], [4, 5], [6, 7]]);
  assert.deepEqual(splitParts(Array.from({ length: 124 }, (_, index) => index), one, 50).map((part) => part.length), [42, 41, 41]);
  assert.deepEqual(splitParts([1, 2], one, 20_000), [[1, 2]]);
  assert.deepEqual(splitParts([], one, 10), [[]]);
  // By size, not by count: one long record fills a part of its own.
  const size = (text: string) => text.length;
  assert.deepEqual(splitParts(['aaaaaaaa', 'b', 'c', 'd', 'e'], size, 6), [['aaaaaaaa'], ['b', 'c', 'd', 'e']]);
  assert.deepEqual(splitParts(['aa', 'bb', 'cc', 'dd', 'ee', 'ff'], size, 4), [['aa', 'bb'], ['cc', 'dd'], ['ee', 'ff']]);
  for (const part of splitParts(Array.from({ length: 200 }, (_, index) => 'x'.repeat(1 + (index * 37) % 50)), size, 500)) {
    assert.ok(part.reduce((sum, text) => sum + text.length, 0) < 500 + 50, 'a part holds more than its size and one record');
  }
});

