import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { hashTree, listFiles } from './helpers/files.ts';
import { parseHtml, select, selectAll, visibleText } from './helpers/html.ts';
import { ROOT, buildReport, readReport, stepFacts } from './helpers/project-copy.ts';
import type { BuildReport } from '../scripts/build/build-log.ts';
import { builtSeeds, otherBuild } from './helpers/shared-builds.ts';
import { storedAbstracts } from './helpers/abstracts.ts';
import { sourceResidue } from './helpers/markup-scan.ts';

// A cold build of the seeds (a copy of the suite's shared build, in the folder it was built in),
// compared with the suite's other cold build of the seeds, made in another folder, to check that
// the same seeds give the same content/ and the same dist/, byte for byte; then changed and built
// again. (A build with no content/ at all, the ingest starting from nothing: tests/fields.test.ts
// and tests/new-atlas.test.ts.)
let site: ReturnType<typeof builtSeeds>;
let firstReport: BuildReport;
let firstContent: Map<string, string>;
let firstDist: Map<string, string>;
let secondContent: Map<string, string>;
let secondDist: Map<string, string>;
let dist = '';
/** The search index built whole (no recent index), for builds whose dist/ is compared with a full build's. */
const WHOLE = { ATLAS_SEARCH_RECENT_SHARE: '0' };
/** dist/ as the full build of the changed seeds left it (the dump test), for astro build alone to match. */
let fullTree: Map<string, string> | undefined;

before(() => {
  site = builtSeeds('seeds');
  dist = join(site.dir, 'dist');
  firstReport = readReport(site.dir);
  firstContent = hashTree(join(site.dir, 'content'));
  firstDist = hashTree(dist);
  const twin = otherBuild('seeds', site.dir);
  try {
    secondContent = hashTree(join(twin.dir, 'content'));
    secondDist = hashTree(join(twin.dir, 'dist'));
  } finally {
    twin.cleanup();
  }
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
  const ingest = stepFacts(firstReport, 'ingest');
  assert.deepEqual(ingest.records, { read: 138, onPages: 124, merged: 14, rejected: 0 });
  assert.deepEqual(ingest.files.map(({ file, format }) => [file, format]), [
    ['seeds/000_d81bca234a2fd64b.txt', 'abstract-lines'],
    ['seeds/001_f6a6a4f33e35549c.txt', 'hf-listing'],
    ['seeds/002_b141c6d3bf51d3a8.txt', 'hf-listing'],
    ['seeds/003_bd86be415be21a61.txt', 'hf-listing'],
  ]);
  // The lines of `Abstract:` dumps, counted here: one record each.
  const abstractLines = readFileSync(join(ROOT, 'seeds', '000_d81bca234a2fd64b.txt'), 'utf8').split('\n').filter((line) => line.startsWith('Abstract:')).length;
  assert.equal(ingest.files[0].records, abstractLines);
  assert.equal(ingest.files.reduce((sum, file) => sum + file.records, 0), 138);
  assert.equal(ingest.merges.length, 14);
  assert.ok(ingest.merges.every(({ merged, into }) => /^seeds\/.+:\d+$/.test(merged) && /^seeds\/.+:\d+$/.test(into)), 'a merge without its file:line');
  assert.equal(ingest.repairs['tex-quotes'], 6);
  assert.equal(ingest.repairs['tex-tie'], 4);
  assert.ok(ingest.repairs['bare-url'] > 0);
  assert.equal(ingest.papers.written + ingest.papers.unchanged, 124);
  assert.deepEqual(stepFacts(firstReport, 'search index').mode, 'full');
  assert.equal(stepFacts(firstReport, 'search index').papers, 124);
  assert.equal(stepFacts(firstReport, 'site').abstracts.rendered, 124);
  assert.ok(firstReport.ok && !firstReport.upToDate);
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

test('should give the same content/ and the same dist/ from the same seeds, built in another folder', () => {
  assert.deepEqual([...secondContent.keys()], [...firstContent.keys()]);
  assert.deepEqual(secondContent, firstContent);
  const html = (tree: Map<string, string>) => new Map([...tree].filter(([file]) => file.endsWith('.html')));
  assert.deepEqual(html(secondDist), html(firstDist));
  assert.deepEqual(secondDist, firstDist);
  // npm run build keeps dist/ in place, so Astro keeps no second copy of every page in its cache.
  assert.ok(existsSync(join(site.dir, 'node_modules', '.astro', 'incremental-build.json')), 'no incremental build record');
  assert.ok(!existsSync(join(site.dir, 'node_modules', '.astro', 'dist')), 'Astro copied the pages into node_modules/.astro/dist/');
});

test("should keep the rendered abstracts in a store of their own, out of Astro's content store, and render a lost one again; build dist/ again whole when it was edited by hand", () => {
  const cache = join(site.dir, 'node_modules', '.astro');
  const file = join(site.dir, '.cache', 'atlas', 'atlas-abstracts.json');
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
  const report = buildReport(site.dir);
  assert.deepEqual(stepFacts(report, 'site').abstracts, { papers: 124, rendered: 1, fromCache: 123, restored: 0, dropped: 1 });
  assert.deepEqual(storedAbstracts(file), abstracts);
  // The page deleted from dist/ by hand: the build noticed, ran every step and kept no page.
  assert.deepEqual(report.steps.map((step) => [step.name, step.ok]), [['ingest', true], ['site', true], ['search index', true], ['offline worker', true]]);
  assert.equal(stepFacts(report, 'site').kept, 0, 'pages kept from a dist/ edited by hand');
  assert.deepEqual(hashTree(dist), firstDist);
});

test('should do nothing when nothing changed, and rebuild when a dump changed (dist/ edited by hand: the test above)', () => {
  const unchanged = buildReport(site.dir);
  assert.ok(unchanged.upToDate, 'a build with nothing changed ran its steps');
  assert.deepEqual(unchanged.steps, []);
  assert.deepEqual(hashTree(dist), firstDist);

  // A dump edited (one abstract corrected, one paper added) and another deleted: the build
  // runs, renders what changed, keeps the other pages, removes the pages of routes that are
  // gone (the deleted dump's listing, a page of /latest/), and gives what a full build gives.
  // The search index is built whole again (share 0: no recent index), so the whole of dist/ can
  // be compared with a full build; tests/search-index.test.ts covers the recent index, which
  // finds the same papers as a full build but is not the same bytes. (A setting of the search
  // index changes no page: tests/redo.test.ts.)
  const dump = join(site.dir, 'seeds', '000_d81bca234a2fd64b.txt');
  const original = readFileSync(dump, 'utf8');
  rmSync(join(site.dir, 'seeds', '003_bd86be415be21a61.txt'));
  const added = 'Abstract:Incremental builds copy every page whose data did not change from the previous build, and render the others again: here a paper added to one dump, with $O(n)$ work.';
  writeFileSync(dump, `${original.replace('Abstract:Post-click conversion rate (CVR) estimation', 'Abstract:Post-click conversion rate (CVR) prediction').trimEnd()}\n${added}\n`);
  // A topic retired by an earlier run (the ingest keeps it as published): its two pages and its feed redirect to where its papers went.
  const registryFile = join(site.dir, 'content', 'topics.json');
  const published = JSON.parse(readFileSync(registryFile, 'utf8')) as Record<string, { retired?: boolean }>;
  const successor = Object.keys(published).find((slug) => !published[slug].retired)!;
  writeFileSync(registryFile, JSON.stringify({ ...published, 'gone-topic': { name: 'Gone topic', description: 'Retired.', terms: ['gone'], discovered: true, retired: true, movedTo: successor, pages: 2 } }, null, 2));
  const changed = buildReport(site.dir, WHOLE);
  for (const path of ['topics/gone-topic/index.html', 'topics/gone-topic/2/index.html']) {
    assert.match(readFileSync(join(dist, path), 'utf8'), new RegExp(`http-equiv="refresh" content="0; url=/topics/${successor}/"`), path);
  }
  const items = (path: string) => [...readFileSync(join(dist, path), 'utf8').matchAll(/<item>[\s\S]*?<link>([^<]+)<\/link>/g)].map((match) => match[1]);
  assert.ok(items(`topics/${successor}/feed.xml`).length > 0);
  assert.deepEqual(items('topics/gone-topic/feed.xml'), items(`topics/${successor}/feed.xml`), 'the retired topic\'s feed carries on as its successor\'s');
  assert.ok(!changed.upToDate);
  assert.equal(stepFacts(changed, 'search index').mode, 'full');
  // Kept: pages Astro did not render again, and .bib files whose entry did not change.
  const siteStep = stepFacts(changed, 'site');
  assert.ok(siteStep.kept > 0, 'no page was kept from the previous build (dist/ was as it left it)');
  assert.ok(siteStep.bibFiles! - siteStep.bibWritten! > 0, 'every .bib file was written again');
  const pages = listFiles(dist).filter((file) => file.endsWith('index.html')).map((file) => readFileSync(join(dist, file), 'utf8'));
  assert.ok(pages.some((page) => page.includes('Post-click conversion rate (CVR) prediction')));
  assert.ok(pages.some((page) => page.includes('Incremental builds copy every page whose data did not change')));
  const incremental = hashTree(dist);
  const full = buildReport(site.dir, WHOLE, ['--force']);
  assert.equal(stepFacts(full, 'site').kept, 0, '--force kept pages');
  fullTree = hashTree(dist);
  const differing = [...new Set([...incremental.keys(), ...fullTree.keys()])].filter((file) => incremental.get(file) !== fullTree!.get(file));
  assert.deepEqual(differing, [], 'the incremental build differs from a full build');
  assert.ok(!existsSync(join(dist, 'latest', '3')), 'a page of /latest/ that no longer exists was left in dist/');
});

test('astro build alone builds what npm run build builds: the pages, the search index and the offline worker', () => {
  // From the content/ the test above built last, with the same setting: what its full build gave.
  assert.ok(fullTree, 'the test above did not get to its full build');
  const built = fullTree;
  assert.ok(built.has('sw.js') && built.has('pagefind/pagefind-entry.json'), 'npm run build left no search index or offline worker');
  rmSync(dist, { recursive: true });
  execFileSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { cwd: site.dir, stdio: 'pipe', env: { ...process.env, ...WHOLE, ASTRO_TELEMETRY_DISABLED: '1', ATLAS_QUIET_SITE: '1' } });
  const alone = hashTree(dist);
  const differing = [...new Set([...built.keys(), ...alone.keys()])].filter((file) => built.get(file) !== alone.get(file));
  assert.deepEqual(differing, [], 'astro build and npm run build built different sites');
});
