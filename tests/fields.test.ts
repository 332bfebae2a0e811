import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { authorSlug } from '../src/lib/author-names.ts';
import type { Author } from '../src/schemas/paper.ts';
import { listFiles } from './helpers/files.ts';
import { parseHtml, select, selectAll, visibleText } from './helpers/html.ts';
import { sourceResidue } from './helpers/markup-scan.ts';
import { MANY_FIELDS, ROOT, buildReport, copyProject } from './helpers/project-copy.ts';
import type { BuildReport } from '../scripts/build/build-log.ts';
import { launchBrowser } from './helpers/browser.ts';
import { readSearch } from './helpers/search.ts';
import { serveStatic } from './helpers/serve.ts';

/**
 * One build of ../shared/corpora/many-fields/ (1,767 real abstracts of 18 fields: arXiv Atom,
 * thesis bibliographies in BibTeX, a PubMed RIS export), shared by every test here. It is an
 * upgrade as well: the dumps are first read by the ingest of the last commit before sources'
 * markup was read (TeX decoded, rich text, JATS, encodings), whose content/ the build then
 * starts from, as an atlas built before this change and rebuilt after it would.
 */
/** The last commit whose ingest showed TeX, rich text and JATS as written. */
const BEFORE = '1a3946e';

let site: ReturnType<typeof copyProject>;
let dist = '';
let report: BuildReport;
/** What the earlier ingest published: every paper slug, and every author page. */
let published: { papers: string[]; authors: string[]; titles: Map<string, string> } | undefined;
let skipUpgrade = '';

function frontmatter(file: string): Record<string, unknown> {
  return parseYaml(/^---\n([\s\S]*?)\n---/.exec(readFileSync(file, 'utf8'))![1]) as Record<string, unknown>;
}

/** A paper page of the build: its file under papers/, its HTML, and what several tests read from it. */
interface PaperPage { file: string; html: string; live: boolean; meta: string }
let paperPagesRead: PaperPage[] | undefined;

/** Every paper page of the build (redirects and notices included), each read and parsed once for all the tests here. */
function paperPages(): PaperPage[] {
  paperPagesRead ??= listFiles(join(dist, 'papers')).filter((file) => file.endsWith('/index.html')).map((file) => {
    const html = readFileSync(join(dist, 'papers', file), 'utf8');
    const page = parseHtml(html);
    return { file, html, live: Boolean(select('article.paper', page)), meta: visibleText(select('.paper-meta', page) ?? { type: 'root', children: [] }) };
  });
  return paperPagesRead;
}

before(() => {
  site = copyProject({ withContent: false, withSeeds: false, prefix: 'atlas-fields-' });
  dist = join(site.dir, 'dist');
  mkdirSync(join(site.dir, 'seeds'));
  for (const name of readdirSync(MANY_FIELDS)) if (/\.(?:xml|bib|ris)$/.test(name)) cpSync(join(MANY_FIELDS, name), join(site.dir, 'seeds', name));
  const old = join(site.dir, '.before');
  try {
    mkdirSync(old);
    const archive = execFileSync('git', ['-C', ROOT, 'archive', BEFORE, 'scripts', 'src', 'content/topics.yaml'], { maxBuffer: 64 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', old], { input: archive });
    symlinkSync(join(site.dir, 'node_modules'), join(old, 'node_modules'));
  } catch (error) {
    skipUpgrade = `the commit ${BEFORE} is not in this clone (${(error as Error).message.split('\n')[0]})`;
  }
  if (!skipUpgrade) {
    execFileSync(process.execPath, [join(old, 'scripts', 'ingest.ts'), '--seeds', join(site.dir, 'seeds'), '--out', join(site.dir, 'content', 'papers'), '--listings', join(site.dir, 'content', 'listings.json'), '--permalinks', join(site.dir, 'content', 'permalinks.json'), '--cache', join(old, 'serialize-cache.json'), '--dump-cache', join(old, 'dumps'), '--topic-cache', join(old, 'topics.json')], { cwd: site.dir, stdio: 'pipe', maxBuffer: 64 * 1024 * 1024 });
    const papers = join(site.dir, 'content', 'papers');
    const titles = new Map<string, string>();
    const authors = new Set<string>();
    for (const name of readdirSync(papers)) {
      const data = frontmatter(join(papers, name));
      titles.set(name.replace(/\.mdx$/, ''), String(data.title));
      for (const author of (data.authors ?? []) as Author[]) authors.add(authorSlug(author));
    }
    published = { papers: Object.keys(JSON.parse(readFileSync(join(site.dir, 'content', 'permalinks.json'), 'utf8'))), authors: [...authors].sort(), titles };
  }
  rmSync(old, { recursive: true, force: true });
  report = buildReport(site.dir);
});

after(() => site?.cleanup());

test('should show no markup, mojibake or TeX as text on any page of an atlas of many fields', () => {
  const hits = sourceResidue(dist);
  assert.deepEqual(hits.slice(0, 20), [], `${hits.length} pages`);
});

test('should keep every URL an atlas built before this change published, with no paper removed or split in two', (t) => {
  if (skipUpgrade || !published) return t.skip(skipUpgrade);
  assert.ok(published.papers.length > 1700, `${published.papers.length} papers published before`);
  const missing = published.papers.filter((slug) => !existsSync(join(dist, 'papers', slug, 'index.html')));
  assert.deepEqual(missing, []);
  const html = new Map(paperPages().map((page) => [page.file, page.html]));
  const removed = published.papers.filter((slug) => /Paper removed/.test(html.get(`${slug}/index.html`)!));
  assert.deepEqual(removed, [], 'a paper read before is still a paper');
  const live = paperPages().filter((page) => page.live);
  assert.equal(live.length, published.papers.length, 'as many papers as before: none split in two');
  const authorsMissing = published.authors.filter((slug) => !existsSync(join(dist, 'authors', slug, 'index.html')));
  assert.deepEqual(authorsMissing, [], 'every author page answers (a redirect for a name whose TeX was decoded)');
  // A decoded title moved its paper to a cleaner address; the old one redirects to it.
  const moved = published.papers.filter((slug) => /http-equiv="refresh"/.test(html.get(`${slug}/index.html`)!));
  assert.ok(moved.length > 0 && moved.length < 200, `${moved.length} moved`);
  assert.equal(report.messages.filter((message) => message.ruleId === 'permalink-moved').length, moved.length, 'every moved paper is reported');
});

test('should show an arXiv title, its names and its abstract with their TeX decoded', () => {
  const slug = listFiles(join(dist, 'papers')).find((file) => file.startsWith('dynamics-and-configurational-entropy-in-the-lewis-wahnstrom') && file.endsWith('/index.html'));
  assert.ok(slug, 'the Lewis–Wahnström paper has a slug without the TeX (was …wahnstr-om…)');
  const page = parseHtml(readFileSync(join(dist, 'papers', slug), 'utf8'));
  assert.match(visibleText(select('h1', page)!), /Lewis-Wahnström Model/);
  // arXiv writes `Jos\'e A. Font`: the page says José, and the address the TeX gave (jos-e-a-font) redirects.
  const author = parseHtml(readFileSync(join(dist, 'authors', 'jose-a-font', 'index.html'), 'utf8'));
  assert.equal(visibleText(select('h1', author)!), 'José A. Font');
  const redirect = readFileSync(join(dist, 'authors', 'jos-e-a-font', 'index.html'), 'utf8');
  assert.match(redirect, /http-equiv="refresh" content="0; url=[^"]*\/authors\/jose-a-font\/"/);
});

test('should show the categories arXiv files a paper under, and a bibliography\'s keywords', () => {
  const metas = paperPages().map((page) => page.meta);
  const arxiv = metas.filter((meta) => /Listed in arxiv-/.test(meta));
  assert.ok(arxiv.length > 800, `${arxiv.length} arXiv papers`);
  assert.ok(arxiv.every((meta) => /Subjects? [^;]*\([a-z-]+(?:\.[A-Za-z-]+)?\)/.test(meta)), 'every arXiv paper shows its categories');
  // Named from arXiv's taxonomy (src/data/arxiv-taxonomy.json), old archives included.
  assert.ok(metas.some((meta) => /Astrophysics of Galaxies \(astro-ph\.GA\)/.test(meta)), 'a category is named');
  assert.ok(metas.some((meta) => /Keywords \S/.test(meta)), 'keywords are shown');
  // A journal reference that carries its year does not get it twice ("Astrophys.J.664:377-383,2007, 2007").
  const venues = metas.map((meta) => /Published in (.*?)(?:Subjects?|Keywords|Listed in|$)/.exec(meta)?.[1]).filter((venue): venue is string => Boolean(venue));
  assert.ok(venues.some((venue) => /\d,\s?(19|20)\d\d/.test(venue)), 'arXiv journal references are shown as written');
  assert.deepEqual(venues.filter((venue) => /\b((?:19|20)\d\d)\b.*, \1\s*$/.test(venue)), [], 'no venue repeats its year');
});

test('should offer the subjects as a search filter, and show which subjects a topic\'s papers carry', () => {
  const search = parseHtml(readFileSync(join(dist, 'search', 'index.html'), 'utf8'));
  const options = selectAll('select[name="subject"] option', search).map((option) => [String(option.properties?.value ?? ''), visibleText(option)]);
  assert.ok(options.length > 20 && options.length <= 301, `${options.length} subjects`);
  assert.ok(options.some(([value, label]) => value === 'astro-ph.GA' && /^Astrophysics of Galaxies \(astro-ph\.GA\) \(\d+\)$/.test(label)), 'arXiv categories by name, with counts');
  const topics = JSON.parse(readFileSync(join(site.dir, 'content', 'topics.json'), 'utf8')) as Record<string, { description: string; retired?: boolean }>;
  const astro = Object.entries(topics).find(([, topic]) => /most of them in Astrophysics/.test(topic.description));
  assert.ok(astro, 'a discovered topic is checked against the subjects its papers carry');
  const page = visibleText(parseHtml(readFileSync(join(dist, 'topics', astro[0], 'index.html'), 'utf8')));
  assert.match(page, /Subjects its papers carry: Astrophysics[^,]*, \d+%/);
});

test('should find, with the Subject filter alone, every paper filed under that subject (Chromium)', async () => {
  const filed = paperPages().filter((page) => /\(astro-ph\)/.test(page.meta));
  assert.ok(filed.length > 10, `${filed.length} papers in astro-ph`);
  const server = await serveStatic(dist);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}search/?subject=astro-ph`);
    const view = await readSearch(page);
    assert.equal(view.count, filed.length, view.status);
    assert.equal(await page.locator('select[name="subject"]').inputValue(), 'astro-ph', 'the form shows the filter the address holds');
  } finally {
    await browser.close();
    await server.close();
  }
});

test('should group the topics of /topics/ into areas, each topic with its size, label terms and newest papers', () => {
  const index = parseHtml(readFileSync(join(dist, 'topics', 'index.html'), 'utf8'));
  const areas = selectAll('section', index).filter((section) => select('h2.area', section));
  assert.ok(areas.length >= 2, `${areas.length} areas`);
  const topics = JSON.parse(readFileSync(join(site.dir, 'content', 'topics.json'), 'utf8')) as Record<string, { name: string; area?: string; discovered?: boolean }>;
  for (const area of areas) {
    const heading = visibleText(select('h2.area', area)!);
    const cards = selectAll('.topics > li', area);
    assert.ok(cards.length > 0, heading);
    for (const card of cards) {
      const slug = /\/topics\/([^/]+)\/$/.exec(String(select('h3 a', card)!.properties!.href))![1];
      assert.ok(heading.startsWith(topics[slug].area!), `${slug} is listed under its own area`);
      assert.match(visibleText(select('h3', card)!), /\d+ papers?$/);
      assert.ok(selectAll('.newest li', card).length >= 1);
      if (topics[slug].discovered) assert.ok(select('.terms', card), `${slug} shows its label terms`);
    }
  }
});

test('should set species names of a rich-text title in italics, and leave them out of the slug and <title>', () => {
  const file = listFiles(join(dist, 'papers')).find((name) => name.startsWith('a-comparative-study-of-karyotypes-in-two-species-of-byblis-byblidaceae/'));
  assert.ok(file, 'the slug has no tag in it (was …-of-i-byblis-i-byblidaceae)');
  const page = parseHtml(readFileSync(join(dist, 'papers', file), 'utf8'));
  assert.equal(visibleText(select('h1 em', page)!), 'Byblis');
  assert.equal(visibleText(select('title', page)!).startsWith('A comparative study of karyotypes in two species of Byblis (Byblidaceae)'), true);
});

test('should show PubMed\'s structured abstracts as labelled paragraphs', () => {
  let structured = 0;
  for (const { file, html } of paperPages()) {
    if (!html.includes('<strong>RESULTS:</strong>')) continue;
    structured += 1;
    const labels = selectAll('.abstract p > strong:first-child', parseHtml(html)).map(visibleText);
    assert.ok(labels.includes('RESULTS:') && labels.length >= 2, `${file}: ${labels.join(' ')}`);
  }
  assert.ok(structured >= 60, `${structured} structured abstracts`);
});

test('should fold a long author list behind "and N more", every author still linked', () => {
  let folded = 0;
  for (const { file, html } of paperPages()) {
    if (!html.includes('more-authors')) continue; // no such element without its class name in the HTML
    const page = parseHtml(html);
    const more = select('details.more-authors', page);
    if (!more) continue;
    folded += 1;
    const shown = selectAll('.paper-meta .names', page)[0];
    assert.equal(selectAll('li', shown).length, 10, file);
    const rest = selectAll('li', more).length;
    assert.equal(visibleText(select('summary', more)!), `and ${rest.toLocaleString('en-US')} more`);
    assert.ok(rest + 10 > 15, file);
  }
  assert.ok(folded > 0, 'the corpus holds collaboration papers');
});
