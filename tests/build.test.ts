import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { hashTree, listFiles } from './helpers/files.ts';
import { parseHtml, select, selectAll, visibleText } from './helpers/html.ts';
import { ROOT, buildIn, copyProject } from './helpers/project-copy.ts';
import { storedAbstracts } from './helpers/abstracts.ts';
import { sourceResidue } from './helpers/markup-scan.ts';

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
  buildIn(site.dir, {}, ['--force']); // a full rebuild, with the caches of the first
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
  assert.match(firstLog, /Repaired \d+ places of LaTeX residue:\n {2}bare-url \d+, .*tex-quotes 6, tex-tie 4/);
  assert.match(firstLog, /Search index: 124 papers \(one index\)/);
});

test('should build exactly 124 paper pages, each with lang="en" and a .bib file', () => {
  const pages = paperPages();
  assert.equal(pages.length, 124);
  // Each page's .bib file, written from the one bundle the build renders, which is not published.
  const bibtex = listFiles(join(dist, 'papers')).filter((file) => file.endsWith('.bib'));
  assert.deepEqual(bibtex.sort(), pages.map((page) => `${page.split('/')[0]}.bib`).sort());
  assert.ok(!existsSync(join(dist, 'atlas-bibtex-files.json')), 'the .bib bundle was left in dist/');
  assert.equal(listFiles(join(site.dir, 'content', 'papers')).length, 124);
  for (const page of pages) {
    const html = select('html', readPage(page));
    assert.equal(html?.properties.lang, 'en', page);
  }
});

/**
 * Runs of a source abstract that no normalize rule may change: math, URLs, TeX quotes,
 * dashes, ties, escapes and the words of lost-backslash formulas are cut out.
 */
function untouchedRuns(abstract: string): string[] {
  return abstract
    .split(/\$[^$]*\$|https?:\/\/\S+|\S*[_^\\{}~`'"]\S*|--+|mathcal[^)]*\)+|\S+ left\(.*? right\)|\b(?:pm|gg|geq|to infty|Phi|Psi|nu|gamma|epsilon)\b/)
    .map((run) => run.replace(/\s+/g, ' ').trim())
    .filter((run) => run.length >= 12);
}

test('should show every seed abstract on a page, word for word outside what normalize repairs', () => {
  const abstracts = seedAbstracts();
  assert.equal(abstracts.length, 138);
  const texts = paperPages().map((page) => visibleText(select('article', readPage(page))!).replace(/\u00A0/g, ' '));
  for (const abstract of abstracts) {
    const runs = untouchedRuns(abstract);
    assert.ok(runs.join(' ').length > abstract.length * 0.6, `too little of the abstract checked: ${abstract.slice(0, 60)}`);
    const page = texts.find((text) => text.includes(runs[0]));
    assert.ok(page, `no page shows: ${runs[0]}`);
    for (const run of runs) assert.ok(page.includes(run), `page lacks: ${run}`);
  }
});

test('should show no LaTeX residue outside rendered math, and no code or strikethrough', () => {
  const residue: [RegExp, string][] = [
    [/\\[A-Za-z]+/, 'a \\command'],
    [/mathcal/, 'mathcal'],
    [/[{}]/, 'a brace'],
    [/``|''/, 'TeX quotes'],
    [/(?<=\w)~(?=[\w(])/, 'a ~ tie'],
  ];
  for (const page of paperPages()) {
    const article = structuredClone(select('article', readPage(page))!);
    for (const formula of selectAll('.katex', article)) formula.children = [];
    const text = visibleText(article);
    for (const [pattern, name] of residue) assert.doesNotMatch(text, pattern, `${page}: ${name} in ${text.match(pattern)?.input?.slice(Math.max(0, (text.match(pattern)?.index ?? 0) - 40), (text.match(pattern)?.index ?? 0) + 40)}`);
    assert.equal(selectAll('code, del', article).length, 0, page);
  }
});

test('should show no markup, mojibake or TeX as text on any page of the seeds', () => {
  assert.deepEqual(sourceResidue(dist), []);
});

test('should render the repaired formulas of the seeds (Refined Regret, Provable Advantage, Contrastive Loss)', () => {
  const sources = paperPages().flatMap((file) => selectAll('article .katex annotation', readPage(file)).map((node) => visibleText(node)));
  for (const tex of ['\\mathcal O(K^{2/3})', '\\mathcal O(\\sqrt K)', '\\mathcal{O}(\\mathcal{C_\\Phi/m} + \\mathcal{C_\\Psi/n})', 'm \\gg n', '\\tau', '\\nu^1', 'L_2', 'T_1', 'n^{-2}']) {
    assert.ok(sources.includes(tex), `no rendered formula ${tex}`);
  }
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
    // rel=canonical names the page's public address; it is not a request.
    ...selectAll('link[href]:not([rel="canonical"])', page).map((node) => String(node.properties.href)),
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
  // npm run build keeps dist/ in place, so Astro keeps no second copy of every page in its cache.
  assert.ok(existsSync(join(site.dir, 'node_modules', '.astro', 'incremental-build.json')), 'no incremental build record');
  assert.ok(!existsSync(join(site.dir, 'node_modules', '.astro', 'dist')), 'Astro copied the pages into node_modules/.astro/dist/');
});

test("should keep the rendered abstracts in a store of their own, out of Astro's content store, and render a lost one again", () => {
  const cache = join(site.dir, 'node_modules', '.astro');
  const file = join(cache, 'atlas-abstracts.json');
  const abstracts = storedAbstracts(file);
  assert.equal(abstracts.size, 124, 'one abstract per paper');
  // The store that every page loads keeps data and excerpts; the HTML and plain text are in the file.
  const store = readFileSync(join(cache, 'data-store.json'), 'utf8');
  assert.doesNotMatch(store, /katex/, 'rendered math in the content store');
  const dgrab = [...abstracts.keys()].find((digest) => abstracts.get(digest)!.text.includes('D-GraB'));
  assert.ok(dgrab, 'no abstract holds the D-GraB paper');
  assert.match(abstracts.get(dgrab)!.html, /class="katex"/);

  // One abstract lost, a stray one added, and the site built again (dist/ edited, so every page
  // is rendered): the lost abstract is rendered again from its paper, the stray one dropped.
  const index = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, [number, number]> };
  index.entries.stray = index.entries[dgrab];
  delete index.entries[dgrab];
  writeFileSync(file, JSON.stringify(index));
  rmSync(join(dist, 'search', 'index.html'));
  const log = buildIn(site.dir);
  assert.match(log, /124 papers, 1 rendered, 123 from cache, 1 old abstracts dropped/);
  assert.deepEqual(storedAbstracts(file), abstracts);
  assert.deepEqual(hashTree(dist), firstDist);
});

test('should do nothing when nothing changed, and rebuild when dist/ or a dump changed', () => {
  const unchanged = buildIn(site.dir);
  assert.match(unchanged, /Nothing changed since the last build: dist\/ is up to date/);
  assert.doesNotMatch(unchanged, /▶ 1\/4 ingest/);
  assert.deepEqual(hashTree(dist), firstDist);

  // A file of dist/ deleted by hand: the build notices and builds the site again.
  rmSync(join(dist, 'search', 'index.html'));
  const repaired = buildIn(site.dir);
  assert.match(repaired, /▶ 1\/4 ingest[\s\S]*▶ 4\/4 offline worker[\s\S]*Built dist\//);
  assert.deepEqual(hashTree(dist), firstDist);

  // A dump edited (one abstract corrected, one paper added) and another deleted: the build
  // runs, renders what changed, keeps the other pages, removes the pages of routes that are
  // gone (the deleted dump's listing, a page of /latest/), and gives what a full build gives.
  // The search index is built whole again (share 0: no recent index), so the whole of dist/ can
  // be compared with a full build; tests/search-index.test.ts covers the recent index, which
  // finds the same papers as a full build but is not the same bytes.
  const whole = { ATLAS_SEARCH_RECENT_SHARE: '0' };
  assert.match(buildIn(site.dir, whole), /Search index: 124 papers \(unchanged since the last build, kept\)/);
  const dump = join(site.dir, 'seeds', '000_d81bca234a2fd64b.txt');
  const original = readFileSync(dump, 'utf8');
  const deleted = join(site.dir, 'seeds', '003_bd86be415be21a61.txt');
  const deletedText = readFileSync(deleted, 'utf8');
  rmSync(deleted);
  const added = 'Abstract:Incremental builds copy every page whose data did not change from the previous build, and render the others again: here a paper added to one dump, with $O(n)$ work.';
  writeFileSync(dump, `${original.replace('Abstract:Post-click conversion rate (CVR) estimation', 'Abstract:Post-click conversion rate (CVR) prediction').trimEnd()}\n${added}\n`);
  // A topic retired by an earlier run (the ingest keeps it as published): its two pages and its feed redirect to where its papers went.
  const registryFile = join(site.dir, 'content', 'topics.json');
  const registry = readFileSync(registryFile, 'utf8');
  const published = JSON.parse(registry) as Record<string, { retired?: boolean }>;
  const successor = Object.keys(published).find((slug) => !published[slug].retired)!;
  writeFileSync(registryFile, JSON.stringify({ ...published, 'gone-topic': { name: 'Gone topic', description: 'Retired.', terms: ['gone'], discovered: true, retired: true, movedTo: successor, pages: 2 } }, null, 2));
  try {
    const changed = buildIn(site.dir, whole);
    for (const path of ['topics/gone-topic/index.html', 'topics/gone-topic/2/index.html']) {
      assert.match(readFileSync(join(dist, path), 'utf8'), new RegExp(`http-equiv="refresh" content="0; url=/topics/${successor}/"`), path);
    }
    const items = (path: string) => [...readFileSync(join(dist, path), 'utf8').matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>/g)].map((match) => match[1]);
    assert.ok(items(`topics/${successor}/feed.xml`).length > 0);
    assert.deepEqual(items('topics/gone-topic/feed.xml'), items(`topics/${successor}/feed.xml`), 'the retired topic\'s feed carries on as its successor\'s');
    assert.doesNotMatch(changed, /Nothing changed/);
    assert.match(changed, /dist\/ is as the last build left it/);
    assert.match(changed, /Search index: \d+ papers \(one index\) in [\d.]+ s, \d+ files written and \d+ deleted/);
    // Kept: pages Astro did not render again, and .bib files whose entry did not change.
    const siteStep = /^✓ site in [\d.]+ s: ([\d,]+) pages, ([\d,]+) rendered and ([\d,]+) unchanged; ([\d,]+) \.bib files, ([\d,]+) written$/m.exec(changed);
    assert.ok(siteStep, 'the site step says what it rendered and kept');
    const count = (text: string) => Number(text.replace(/,/g, ''));
    const keptPages = count(siteStep[3]);
    const keptBibtex = count(siteStep[4]) - count(siteStep[5]);
    assert.ok(keptPages + keptBibtex > 0, 'nothing was kept from the previous build');
    const pages = listFiles(dist).filter((file) => file.endsWith('index.html')).map((file) => readFileSync(join(dist, file), 'utf8'));
    assert.ok(pages.some((page) => page.includes('Post-click conversion rate (CVR) prediction')));
    assert.ok(pages.some((page) => page.includes('Incremental builds copy every page whose data did not change')));
    const incremental = hashTree(dist);
    const full = buildIn(site.dir, whole, ['--force']);
    assert.match(full, /^✓ site in [\d.]+ s: [\d,]+ pages, [\d,]+ rendered and 0 unchanged/m);
    const fullTree = hashTree(dist);
    const differing = [...new Set([...incremental.keys(), ...fullTree.keys()])].filter((file) => incremental.get(file) !== fullTree.get(file));
    assert.deepEqual(differing, [], 'the incremental build differs from a full build');
    assert.ok(!existsSync(join(dist, 'latest', '3')), 'a page of /latest/ that no longer exists was left in dist/');
  } finally {
    writeFileSync(dump, original);
    writeFileSync(deleted, deletedText);
    writeFileSync(registryFile, registry);
  }
});

test('should give a new build id, and a new offline cache, when only a public file changes', () => {
  const idOf = () => (JSON.parse(readFileSync(join(dist, 'build.json'), 'utf8')) as { build: string }).build;
  const before = idOf();
  const notice = join(site.dir, 'public', 'atlas-notice.txt');
  writeFileSync(notice, 'A file the site serves as it is.\n');
  try {
    buildIn(site.dir);
    assert.equal(readFileSync(join(dist, 'atlas-notice.txt'), 'utf8'), 'A file the site serves as it is.\n');
    const after = idOf();
    assert.notEqual(after, before, 'dist/ changed but the build id did not: readers offline would mix two builds');
    assert.match(readFileSync(join(dist, 'sw.js'), 'utf8'), new RegExp(after));
  } finally {
    rmSync(notice);
  }
});
