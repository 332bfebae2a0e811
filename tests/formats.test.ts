/**
 * A site built from every format at once: the seeds' copied listings and `Abstract:` lines,
 * plus BibTeX (Better BibTeX, Mendeley, JabRef, arXiv), RIS (Zotero, EndNote-style), Zotero
 * CSL-JSON and an arXiv API response (scripts/ingest/fixtures/formats/).
 */
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, watchCsp } from './helpers/browser.ts';
import { readPapers } from './helpers/content.ts';
import { parseHtml, select, selectAll } from './helpers/html.ts';
import { buildReport, ROOT, stepFacts } from './helpers/project-copy.ts';
import { builtSeeds, SHARED_BUILDS } from './helpers/shared-builds.ts';
import type { BuildReport } from '../scripts/build/build-log.ts';
import { readSearch } from './helpers/search.ts';
import { serveStatic } from './helpers/serve.ts';

const FIXTURES = join(ROOT, 'scripts', 'ingest', 'fixtures', 'formats');
const SITE = SHARED_BUILDS['seeds-hosted'].env.ATLAS_SITE; // the shared build's host

interface Author { given?: string; family?: string; literal?: string }
interface Frontmatter {
  title: string;
  published?: string;
  year?: number;
  authors?: Author[];
  authorsCount?: number;
  doi?: string;
  arxiv?: string;
  venue?: string;
  venueType?: string;
  sources: { file: string; line: number; listing: string }[];
}

let site: ReturnType<typeof builtSeeds>;
let report: BuildReport;
let dist = '';
let papers: Map<string, Frontmatter>;

before(() => {
  site = builtSeeds('seeds-hosted'); // the suite's shared build of the seeds, the fixtures added to it
  for (const name of readdirSync(FIXTURES)) cpSync(join(FIXTURES, name), join(site.dir, 'seeds', name));
  report = buildReport(site.dir, { ATLAS_SITE: SITE });
  dist = join(site.dir, 'dist');
  papers = readPapers<Frontmatter>(site.dir);
});
after(() => site?.cleanup());

const html = (path: string) => parseHtml(readFileSync(join(dist, path), 'utf8'));
const bySource = (file: string, line: number) => [...papers].find(([, paper]) => paper.sources.some((source) => source.file === `seeds/${file}` && source.line === line));

test('a seeds folder with every format builds, and every record read is on a page, merged or rejected at file:line', () => {
  const ingest = stepFacts(report, 'ingest');
  const formats = new Map(ingest.files.map((file) => [file.file, file.format]));
  for (const [name, format] of [['zotero-better-bibtex.bib', 'bibtex'], ['zotero.ris', 'ris'], ['zotero-csl.json', 'csl-json'], ['arxiv-query.xml', 'arxiv-atom'], ['003_bd86be415be21a61.txt', 'hf-listing'], ['000_d81bca234a2fd64b.txt', 'abstract-lines']]) {
    assert.equal(formats.get(`seeds/${name}`), format, name);
  }
  assert.equal(ingest.files.length, 12);
  const { read, merged, rejected } = ingest.records;
  assert.equal(read, ingest.files.reduce((sum, file) => sum + file.records, 0));
  assert.equal(read, papers.size + merged + rejected);
  assert.equal(rejected, 7);
  const skipped = report.messages.filter((message) => message.severity === 'warning' && /^(missing-abstract|malformed-entry)$/.test(message.ruleId)).map((message) => message.where);
  for (const place of ['seeds/arxiv-export.bib:1:1', 'seeds/mendeley.bib:26:1', 'seeds/zotero-better-bibtex.bib:36:1', 'seeds/zotero-csl.json:32:1', 'seeds/zotero-csl.json:38:2', 'seeds/zotero.ris:16:1', 'seeds/arxiv-query.xml:60:50']) {
    assert.ok(skipped.includes(place), place);
  }
});

test('a paper in a copied listing and in a BibTeX file is one page, with the BibTeX authors and the listing it came from', () => {
  const found = bySource('zotero-better-bibtex.bib', 1);
  assert.ok(found, 'the BibTeX entry is on a page');
  const [slug, paper] = found;
  assert.equal(slug, 'data-selection-for-language-models-via-importance-resampling');
  assert.deepEqual(paper.sources.map((source) => source.file), ['seeds/003_bd86be415be21a61.txt', 'seeds/zotero-better-bibtex.bib']);
  assert.deepEqual(paper.authors, [{ given: 'Sang Michael', family: 'Xie' }, { given: 'Shibani', family: 'Santurkar' }, { given: 'Tengyu', family: 'Ma' }, { given: 'Percy', family: 'Liang' }]);
  assert.equal(paper.authorsCount, undefined, 'named authors replace the count');
  assert.equal(paper.doi, '10.48550/arXiv.2302.03169');
  const page = html(`papers/${slug}/index.html`);
  const authorLinks = selectAll('.paper-meta a[href^="/authors/"]', page).map((link) => [link.properties.href, (link.children[0] as { value: string }).value]);
  assert.deepEqual(authorLinks, [
    ['/authors/sang-michael-xie/', 'Sang Michael Xie'], ['/authors/shibani-santurkar/', 'Shibani Santurkar'],
    ['/authors/tengyu-ma/', 'Tengyu Ma'], ['/authors/percy-liang/', 'Percy Liang'],
  ]);
  const listings = selectAll('.paper-meta a[href^="/sources/"]', page).map((link) => link.properties.href);
  assert.deepEqual(listings, ['/sources/daily-papers-2025-11-06/', '/sources/zotero-better-bibtex/']);
  assert.ok(select('.paper-meta a[href="https://doi.org/10.48550/arXiv.2302.03169"]', page));
  assert.ok(select('.paper-meta a[href="https://arxiv.org/abs/2302.03169"]', page));
  // The same paper through RIS and the arXiv API: merged by abstract, DOI or arXiv id.
  assert.equal(bySource('zotero.ris', 1)?.[0], bySource('arxiv-query.xml', 10)?.[0]);
  assert.equal(bySource('mendeley.bib', 6)?.[0], bySource('jabref.bib', 3)?.[0]);
});

test('an author written two ways in two formats has one page linking both papers; other names stay apart', () => {
  const xie = html('authors/sang-michael-xie/index.html');
  assert.equal(select('h1', xie)?.children.map((child) => (child as { value?: string }).value).join(''), 'Sang Michael Xie');
  const links = selectAll('.card h2 a', xie).map((link) => link.properties.href).sort();
  assert.deepEqual(links, [
    '/papers/data-selection-for-language-models-via-importance-resampling/', // BibTeX: "Xie, Sang Michael"
    '/papers/doremi-optimizing-data-mixtures-speeds-up-language-model-pretraining/', // CSL-JSON
    '/papers/mixing-times-of-k-step-diffusions-on-the-hypercube-0-1-n/', // arXiv Atom: "Sang Michael Xie"
  ]);
  const index = html('authors/index.html');
  const names = selectAll('.authors li a', index).map((link) => link.properties.href);
  assert.ok(names.includes('/authors/wei-li/') && names.includes('/authors/wen-li/'), 'Li, Wei and Li, Wen are two people');
  assert.ok(names.includes('/authors/bernhard-scholkopf/'));
  assert.ok(names.includes('/authors/openai/'));
  assert.equal(new Set(names).size, names.length);
  const families = selectAll('.authors li a', index).map((link) => (link.children[0] as { value: string }).value);
  assert.equal(families[0], 'Pieter Abbeel', 'alphabetical by family name');
});

test('every dated paper page with authors carries citation_title, one citation_author per author and citation_publication_date', () => {
  let checked = 0;
  for (const [slug, paper] of papers) {
    if (!paper.authors?.length || (paper.published === undefined && paper.year === undefined)) continue;
    const page = html(`papers/${slug}/index.html`);
    const content = (name: string) => selectAll(`meta[name="${name}"]`, page).map((node) => node.properties.content);
    assert.equal(content('citation_title').length, 1, slug);
    assert.deepEqual(content('citation_author'), paper.authors.map((author) => author.literal ?? (author.given ? `${author.family}, ${author.given}` : author.family)), slug);
    assert.deepEqual(content('citation_publication_date'), [paper.published?.replaceAll('-', '/') ?? String(paper.year)], slug);
    if (paper.doi) assert.deepEqual(content('citation_doi'), [paper.doi], slug);
    if (paper.arxiv) assert.deepEqual(content('citation_arxiv_id'), [paper.arxiv], slug);
    if (paper.venue && paper.venueType === 'journal') assert.deepEqual(content('citation_journal_title'), [paper.venue], slug);
    if (paper.venue && paper.venueType === 'conference') assert.deepEqual(content('citation_conference_title'), [paper.venue], slug);
    const ld = JSON.parse((select('script[type="application/ld+json"]', page)!.children[0] as { value: string }).value);
    assert.deepEqual(ld.author.map((person: { '@type': string }) => person['@type']), paper.authors.map((author) => (author.literal ? 'Organization' : 'Person')), slug);
    checked += 1;
  }
  assert.equal(checked, 14, 'papers with authors and a date or year');
  const gpt4 = html('papers/gpt-4-technical-report/index.html');
  assert.match(readFileSync(join(dist, 'papers/gpt-4-technical-report/index.html'), 'utf8'), /"author":\[\{"@type":"Organization","name":"OpenAI"\}\]/);
  assert.ok(select('meta[name="citation_author"][content="OpenAI"]', gpt4));
});

test('the BibTeX entry is typed and carries author, year, doi, eprint and journal or booktitle; feeds and papers.json carry the authors', () => {
  const dsir = readFileSync(join(dist, 'papers/data-selection-for-language-models-via-importance-resampling.bib'), 'utf8');
  assert.match(dsir, /^@article\{data-selection-for-language-models-via-importance-resampling,$/m);
  assert.match(dsir, /^ {2}author +\= \{Xie, Sang Michael and Santurkar, Shibani and Ma, Tengyu and Liang, Percy\},$/m);
  assert.match(dsir, /^ {2}journal +\= \{Advances in Neural Information Processing Systems\},$/m);
  assert.match(dsir, /^ {2}year +\= \{2023\},$/m);
  assert.match(dsir, /^ {2}doi +\= \{10\.48550\/arXiv\.2302\.03169\},$/m);
  assert.match(dsir, /^ {2}eprint +\= \{2302\.03169\},$/m);
  const resnet = readFileSync(join(dist, `papers/${bySource('endnote.ris', 1)![0]}.bib`), 'utf8');
  assert.match(resnet, /^@inproceedings\{/);
  assert.match(resnet, /^ {2}booktitle +\= \{Proceedings of the IEEE Conference on Computer Vision and Pattern Recognition \(CVPR\)\},$/m);
  const waals = readFileSync(join(dist, `papers/${bySource('zotero-csl.json', 19)![0]}.bib`), 'utf8');
  assert.match(waals, /author += \{\{van der Waals\}, Johannes and \{DeepMind Team\}\}/);
  const mixing = readFileSync(join(dist, 'papers/mixing-times-of-k-step-diffusions-on-the-hypercube-0-1-n.bib'), 'utf8');
  assert.match(mixing, /title += \{Mixing Times of \$k\$-Step Diffusions on the Hypercube \$\\\{0,1\\\}\^n\$\}/, 'math stays LaTeX in BibTeX');
  const json = JSON.parse(readFileSync(join(dist, 'papers.json'), 'utf8')) as { papers: (Frontmatter & { slug: string })[] };
  // The feed of the topic of Ana Pérez-García's paper names its authors.
  const ana = json.papers.find((paper) => paper.authors?.some((author) => author.family === 'Pérez-García'));
  const feed = readFileSync(join(dist, 'topics', (ana as unknown as { topics: string[] }).topics[0], 'feed.xml'), 'utf8');
  assert.match(feed, /xmlns:dc="http:\/\/purl\.org\/dc\/elements\/1\.1\/"/);
  assert.match(feed, /<dc:creator>Ana Pérez-García<\/dc:creator><dc:creator>Sang Michael Xie<\/dc:creator>/);
  const entry = json.papers.find((paper) => paper.slug === 'mixing-times-of-k-step-diffusions-on-the-hypercube-0-1-n');
  assert.deepEqual([entry?.authors?.length, entry?.doi, entry?.arxiv, entry?.venue], [2, '10.1000/example.2021.1', '2101.00001', 'Ann. Probab. 49 (2021) 1-30']);
});

test('math in a title renders with KaTeX on the page and reads as text in <title>', () => {
  const page = html('papers/mixing-times-of-k-step-diffusions-on-the-hypercube-0-1-n/index.html');
  assert.equal(selectAll('h1 .katex', page).length, 2);
  const title = (select('title', page)?.children[0] as { value: string }).value;
  assert.match(title, /^Mixing Times of k-Step Diffusions on the Hypercube \{0,1\}ⁿ/);
});

let browser: Browser;
let csp: string[] = [];
test('in a browser: an author page lists their papers, and the author filter on /search/ finds exactly them', async () => {
  browser = await launchBrowser();
  csp = watchCsp(browser);
  const server = await serveStatic(dist);
  const at = (path: string) => `${server.url}${path.replace(/^\//, '')}`;
  try {
    const page = await browser.newPage();
    await page.goto(at('/papers/mixing-times-of-k-step-diffusions-on-the-hypercube-0-1-n/'));
    await page.getByRole('link', { name: 'Sang Michael Xie' }).click();
    await page.waitForURL(/\/authors\/sang-michael-xie\/$/);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Sang Michael Xie');
    assert.equal(await page.locator('.card').count(), 3);
    await page.getByRole('link', { name: 'Search within these papers' }).click();
    await page.waitForURL(/\/search\/\?author=sang-michael-xie$/);
    const view = await readSearch(page);
    assert.equal(view.count, 3);
    assert.equal(await page.getByLabel('Author').inputValue(), 'sang-michael-xie');
    assert.ok(view.results.every((result) => result.meta.includes('Sang Michael Xie')), view.results.map((result) => result.meta).join('\n'));
    // A word and the author together; then another author by choosing them.
    await page.goto(at('/search/?q=mixture&author=sang-michael-xie'));
    assert.deepEqual((await readSearch(page)).results.map((result) => result.href.replace(/^.*\/papers\//, '').replace(/\?.*$/, '')), ['doremi-optimizing-data-mixtures-speeds-up-language-model-pretraining/']);
    await page.goto(at('/search/'));
    await page.getByLabel('Author').selectOption('wen-li');
    const wen = await readSearch(page);
    assert.deepEqual(wen.results.map((result) => result.title), ['Dropout Is All You Need for Sentence Embeddings']);
    assert.match(page.url(), /author=wen-li/);
    await page.goto(at('/search/?q=Kingma'));
    assert.ok((await readSearch(page)).results.some((result) => result.title === 'Adam: A Method for Stochastic Optimization'), 'author names are searched');
    await page.close();
    // The new pages and the paper page's new metadata, for axe-core: light and dark, desktop and phone.
    const found: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 780 }]) {
        const view = await browser.newPage({ colorScheme, viewport });
        for (const path of ['/authors/', '/authors/sang-michael-xie/', '/papers/mixing-times-of-k-step-diffusions-on-the-hypercube-0-1-n/', '/search/?author=sang-michael-xie']) {
          await view.goto(at(path));
          if (path.startsWith('/search/')) await readSearch(view);
          found.push(...(await axeViolations(view, `${path} (${colorScheme}, ${viewport.width} px)`)));
          const overflow = await view.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          if (overflow > 0) found.push(`${path} (${viewport.width} px): ${overflow} px wider than the screen`);
        }
        await view.close();
      }
    }
    assert.deepEqual(found, []);
  } finally {
    await server.close();
    await browser.close();
  }
  assert.deepEqual(csp, []);
});
