import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { hashTree, listFiles } from './helpers/files.ts';
import { parseHtml, select, selectAll, visibleText } from './helpers/html.ts';
import { ROOT, buildIn, copyProject } from './helpers/project-copy.ts';

// One full build from the seeds alone (no content/ committed in the copy), then a second
// build of the same tree to check that the output does not change.
let site: ReturnType<typeof copyProject>;
let firstLog = '';
let firstContent: Map<string, string>;
let firstDist: Map<string, string>;
let secondContent: Map<string, string>;
let secondDist: Map<string, string>;
let dist = '';

before(() => {
  site = copyProject({ withContent: false });
  dist = join(site.dir, 'dist');
  firstLog = buildIn(site.dir);
  firstContent = hashTree(join(site.dir, 'content'));
  firstDist = hashTree(dist);
  buildIn(site.dir);
  secondContent = hashTree(join(site.dir, 'content'));
  secondDist = hashTree(dist);
});

after(() => site?.cleanup());

/** Seed abstracts read straight from the dumps, independently of the ingest's parsers. */
function seedAbstracts(): string[] {
  const abstracts: string[] = [];
  for (const name of ['000_d81bca234a2fd64b.txt', '001_f6a6a4f33e35549c.txt', '002_b141c6d3bf51d3a8.txt', '003_bd86be415be21a61.txt']) {
    for (const line of readFileSync(join(ROOT, 'seeds', name), 'utf8').split('\n')) {
      if (line.startsWith('Abstract:')) abstracts.push(line.slice('Abstract:'.length).trim());
      else if (line.length >= 200) abstracts.push(line.trim());
    }
  }
  return abstracts;
}

const INLINE_MATH = /\$[^$\s][^$]*?(?<!\s)\$/g;

function paperPages(): string[] {
  return listFiles(join(dist, 'papers')).filter((file) => file.endsWith('index.html'));
}

function readPage(file: string) {
  return parseHtml(readFileSync(join(dist, 'papers', file), 'utf8'));
}

test('should report the ingest: records per file, papers, merges', () => {
  assert.match(firstLog, /Read 138 records from 4 dumps/);
  assert.match(firstLog, /seeds\/000_d81bca234a2fd64b\.txt {2}abstract-lines {2}10 records/);
  assert.match(firstLog, /Wrote 124 papers/);
  assert.match(firstLog, /Merged 14 duplicates/);
  assert.match(firstLog, /Search index: 124 pages indexed/);
});

test('should build exactly 124 paper pages, each with lang="en"', () => {
  const pages = paperPages();
  assert.equal(pages.length, 124);
  assert.equal(listFiles(join(site.dir, 'content', 'papers')).length, 124);
  for (const page of pages) {
    const html = select('html', readPage(page));
    assert.equal(html?.properties.lang, 'en', page);
  }
});

test('should show every seed abstract on a page', () => {
  const abstracts = seedAbstracts();
  assert.equal(abstracts.length, 138);
  const texts = paperPages().map((page) => visibleText(select('article', readPage(page))!));
  for (const abstract of abstracts) {
    const parts = abstract.split(INLINE_MATH).map((part) => part.replace(/\s+/g, ' ').trim()).filter(Boolean);
    const page = texts.find((text) => text.includes(parts[0]));
    assert.ok(page, `no page shows: ${abstract.slice(0, 80)}…`);
    for (const part of parts) assert.ok(page.includes(part), `page lacks: ${part.slice(0, 80)}`);
  }
});

test('should render math with KaTeX exactly on the pages whose source has math', () => {
  const withMath = seedAbstracts().filter((abstract) => INLINE_MATH.test(abstract)).length;
  assert.ok(withMath >= 1);
  let pagesWithKatex = 0;
  for (const page of paperPages()) {
    const tree = readPage(page);
    if (selectAll('article .katex', tree).length > 0) pagesWithKatex += 1;
    assert.equal(selectAll('article .katex-error', tree).length, 0, page);
  }
  assert.equal(pagesWithKatex, withMath);
});

test('should render the D-GraB formulas and show no dollar sign', () => {
  const page = paperPages().find((file) => readFileSync(join(dist, 'papers', file), 'utf8').includes('PairBalance'));
  assert.ok(page, 'no page mentions PairBalance');
  const article = select('article', readPage(page))!;
  const formulas = selectAll('.katex', article);
  const sources = formulas.map((formula) => visibleText(select('annotation', formula)!));
  assert.ok(sources.includes('\\tilde{O}((mnT)^{-2/3})'), sources.join(' | '));
  assert.ok(sources.includes('\\textsf{PairBalance}'), sources.join(' | '));
  assert.doesNotMatch(visibleText(article), /\$/);
});

test('should index exactly the 124 paper pages with Pagefind', () => {
  const entry = JSON.parse(readFileSync(join(dist, 'pagefind', 'pagefind-entry.json'), 'utf8'));
  assert.equal(entry.languages.en.page_count, 124);
  for (const page of ['index.html', 'search/index.html', '404.html']) {
    assert.equal(selectAll('[data-pagefind-body]', parseHtml(readFileSync(join(dist, page), 'utf8'))).length, 0, page);
  }
});

test('should serve KaTeX CSS and fonts, and every other asset, from the site itself', () => {
  const page = readPage(paperPages()[0]);
  const urls = [
    ...selectAll('link[href]', page).map((node) => String(node.properties.href)),
    ...selectAll('script[src]', page).map((node) => String(node.properties.src)),
  ];
  for (const url of urls) {
    assert.match(url, /^\/(?!\/)/, `not same-origin: ${url}`);
    assert.ok(existsSync(join(dist, url)), `missing: ${url}`);
  }
  const css = listFiles(join(dist, '_astro')).filter((file) => file.endsWith('.css'));
  const katexCss = css.map((file) => readFileSync(join(dist, '_astro', file), 'utf8')).find((text) => text.includes('KaTeX_Main'));
  assert.ok(katexCss, 'KaTeX CSS is not bundled');
  assert.doesNotMatch(katexCss, /url\((['"]?)(https?:)?\/\//, 'KaTeX CSS points at another origin');
  assert.ok(listFiles(join(dist, '_astro')).some((file) => /^KaTeX_Main-Regular\.[\w-]+\.woff2$/.test(file)));
});

test('should give the same content/ and the same dist/ on a second build', () => {
  assert.deepEqual([...secondContent.keys()], [...firstContent.keys()]);
  assert.deepEqual(secondContent, firstContent);
  const html = (tree: Map<string, string>) => new Map([...tree].filter(([file]) => file.endsWith('.html')));
  assert.deepEqual(html(secondDist), html(firstDist));
  assert.deepEqual(secondDist, firstDist);
});
