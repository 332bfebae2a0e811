/**
 * The search half of the bench (`npm run bench -- --search`): what a reader's first search
 * costs on the built bench site, next to one plain Pagefind index built by Pagefind's own CLI
 * over the same pages (the reference), measured in Chromium on loopback in the same run.
 *
 * For each query, in a fresh browser context (empty cache, service worker blocked so that its
 * precache does not count): every request for the search index (dist/pagefind/ for ours,
 * dist/pagefind-plain/ for the reference), their bytes, the number of papers found, and the
 * time from navigation to the first page of results shown (the median of a few runs).
 */
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../tests/helpers/browser.ts';
import { serveStatic } from '../../tests/helpers/serve.ts';
import { ROOT } from '../project-copy.ts';

/** The queries the issue measured: common words in titles and abstracts alike. */
export const QUERIES = ['diffusion', 'pruning', 'quantization'] as const;
/** Where the reference index goes in dist/, and its search page. */
const PLAIN = 'pagefind-plain';
/** Results whose data a first search loads: the search page's first page (src/scripts/search-page.ts). */
const FIRST_PAGE = 20;
/** Runs per query for the time to first results (bytes and requests are the same every run). */
const RUNS = 3;

/** One query's first search. */
export interface QueryMeasure {
  query: string;
  /** Requests for the search index's files (runtime, WebAssembly, manifest, entry, meta, index chunks, fragments). */
  requests: number;
  bytes: number;
  /** Papers found. */
  count: number;
  /** Median milliseconds from navigation to the first page of results on screen. */
  firstResultsMs: number;
}

/** The reference's search page: Pagefind's JS API as its docs show it, the first page of results loaded and listed. */
const PLAIN_PAGE = `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Plain Pagefind</title>
<p id="status">Searching…</p><ol id="results"></ol>
<script type="module">
const query = new URLSearchParams(location.search).get('q');
const pagefind = await import('./pagefind.js');
await pagefind.options({ excerptLength: 32 });
await pagefind.init();
const search = await pagefind.search(query);
const data = await Promise.all(search.results.slice(0, ${FIRST_PAGE}).map((result) => result.data()));
document.getElementById('results').append(...data.map((item) => Object.assign(document.createElement('li'), { className: 'result', textContent: item.meta.title })));
document.getElementById('status').textContent = search.results.length + ' papers';
</script>
</html>
`;

/**
 * Build the reference: Pagefind's CLI over the built pages, the way a plain Astro site would
 * (the pages' data-pagefind-* attributes, KaTeX's duplicate renderings left out, as our records
 * leave them out). Returns the seconds it took.
 */
export function buildPlainIndex(dist: string): number {
  removePlainIndex(dist);
  const started = performance.now();
  execFileSync(join(ROOT, 'node_modules', '.bin', 'pagefind'), ['--site', dist, '--output-path', join(dist, PLAIN), '--force-language', 'en', '--exclude-selectors', '.katex-html', '--exclude-selectors', '.katex-mathml annotation', '--silent'], { stdio: 'inherit' });
  const seconds = (performance.now() - started) / 1000;
  writeFileSync(join(dist, PLAIN, 'bench.html'), PLAIN_PAGE);
  return seconds;
}

/** Take the reference out of dist/ again. */
export function removePlainIndex(dist: string): void {
  rmSync(join(dist, PLAIN), { recursive: true, force: true });
}

/** One first search in a fresh context: what it fetched under `prefix`, what it found, how long until results showed. */
async function firstSearch(browser: Browser, url: string, prefix: string): Promise<Omit<QueryMeasure, 'query' | 'firstResultsMs'> & { ms: number }> {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const sizes: Promise<number>[] = [];
  page.on('requestfinished', (request) => {
    if (new URL(request.url()).pathname.startsWith(prefix)) sizes.push(request.sizes().then((size) => size.responseBodySize));
  });
  const started = performance.now();
  await page.goto(url);
  const status = await page.waitForFunction((firstPage) => {
    const text = (document.querySelector('[data-search-status]') ?? document.getElementById('status'))?.textContent ?? '';
    const shown = document.querySelectorAll('.result').length;
    const count = /^(\d+) papers?/.exec(text)?.[1] ?? (/No papers/.test(text) ? '0' : undefined);
    return count !== undefined && shown >= Math.min(Number(count), firstPage) ? text : false;
  }, FIRST_PAGE, { timeout: 60_000 });
  const ms = performance.now() - started;
  const text = await status.jsonValue() as string;
  await page.waitForLoadState('networkidle');
  const bytes = (await Promise.all(sizes)).reduce((sum, size) => sum + size, 0);
  await context.close();
  return { requests: sizes.length, bytes, count: Number(/^(\d+)/.exec(text)?.[1] ?? 0), ms };
}

/** Measure every query's first search on our search page and on the reference's. */
export async function measureSearch(dist: string, queries: readonly string[] = QUERIES): Promise<{ ours: QueryMeasure[]; plain: QueryMeasure[] }> {
  const server = await serveStatic(dist);
  const browser = await launchBrowser();
  try {
    const measure = async (query: string, path: string, prefix: string): Promise<QueryMeasure> => {
      const runs = [];
      for (let run = 0; run < RUNS; run += 1) runs.push(await firstSearch(browser, `${server.url}${path}?q=${encodeURIComponent(query)}`, prefix));
      const times = runs.map((run) => run.ms).sort((a, b) => a - b);
      return { query, requests: runs[0].requests, bytes: runs[0].bytes, count: runs[0].count, firstResultsMs: times[Math.floor(RUNS / 2)] };
    };
    const ours: QueryMeasure[] = [];
    const plain: QueryMeasure[] = [];
    for (const query of queries) {
      ours.push(await measure(query, 'search/', '/pagefind/'));
      plain.push(await measure(query, `${PLAIN}/bench.html`, `/${PLAIN}/`));
    }
    return { ours, plain };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The table of one measurement: ours, the reference, and their ratios, per query. */
export function formatSearchTable(title: string, result: { ours: QueryMeasure[]; plain: QueryMeasure[] }): string[] {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  const lines = [title, `${'query'.padEnd(14)}${['requests', 'bytes', 'papers', 'first results'].map((head) => head.padStart(26)).join('')}`];
  result.ours.forEach((ours, index) => {
    const plain = result.plain[index];
    const cell = (a: string, b: string, ratio?: number) => `${a} / ${b}${ratio === undefined ? '' : ` ${ratio.toFixed(2)}×`}`.padStart(26);
    lines.push(`${ours.query.padEnd(14)}${cell(String(ours.requests), String(plain.requests), ours.requests / plain.requests)}${cell(kb(ours.bytes), kb(plain.bytes), ours.bytes / plain.bytes)}${cell(String(ours.count), String(plain.count))}${cell(`${ours.firstResultsMs.toFixed(0)} ms`, `${plain.firstResultsMs.toFixed(0)} ms`, ours.firstResultsMs / plain.firstResultsMs)}`);
  });
  lines.push('(ours / one plain Pagefind index over the same pages, and the ratio)');
  return lines;
}
