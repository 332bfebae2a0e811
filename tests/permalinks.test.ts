import assert from 'node:assert/strict';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { listFiles } from './helpers/files.ts';
import { parseHtml, select, visibleText } from './helpers/html.ts';
import { readPapers } from './helpers/content.ts';
import { buildReport, copyProject, stepFacts } from './helpers/project-copy.ts';
import type { BuildReport } from '../scripts/build/build-log.ts';
import { builtSeeds, SHARED_BUILDS } from './helpers/shared-builds.ts';

/**
 * Build the seeds, then change the dumps the ways readers' links must survive — rename and
 * reorder a dump, correct a title, add a paper whose title is taken, remove a paper — and
 * build again in the same folder, as a user would.
 */
const SITE = SHARED_BUILDS['seeds-hosted'].env.ATLAS_SITE; // the shared build's host
let site: ReturnType<typeof copyProject>;
let firstUrls: string[] = [];
let firstPapers = new Map<string, Frontmatter>();
let second: BuildReport;
interface Frontmatter { title: string; titleDerived: boolean; topics: string[]; sources: { file: string; line: number }[]; aliases?: string[] }
const change = { renamed: '', retitled: '', retitledTo: 'A Corrected Title for the Permalink Test', removed: '', takenTitle: '' };
const NEW_ABSTRACT = 'We add a second paper under a title that is already taken, to check that it gets its own address while the first paper keeps the one readers have already shared, and that nothing else moves when it arrives in a later dump.';

const papersIn = (dir: string) => readPapers<Frontmatter>(dir);
/** Every address a reader can hold: pages and .bib files (not hashed assets or search chunks). */
const urlsIn = (dist: string) => listFiles(dist).filter((file) => !/^(pagefind|_astro)\//.test(file) && /\.(html|bib)$/.test(file));
const page = (path: string) => parseHtml(readFileSync(join(site.dir, 'dist', path), 'utf8'));

before(() => {
  site = builtSeeds('seeds-hosted'); // built with ATLAS_SITE=SITE
  firstUrls = urlsIn(join(site.dir, 'dist'));
  firstPapers = papersIn(site.dir);
  const seeds = join(site.dir, 'seeds');
  const single = (prefix: string) =>
    [...firstPapers].find(([, paper]) => paper.sources.length === 1 && paper.sources[0].file.startsWith(`seeds/${prefix}`) && !paper.titleDerived)!;

  // 1. Correct the title of a paper listed once, in 003.
  const [retitled, retitledPaper] = single('003_');
  change.retitled = retitled;
  const dump003 = join(seeds, '003_bd86be415be21a61.txt');
  const lines = readFileSync(dump003, 'utf8').split('\n');
  assert.equal(lines[retitledPaper.sources[0].line - 1].trim(), retitledPaper.title);
  lines[retitledPaper.sources[0].line - 1] = change.retitledTo;
  // 2. Add a paper whose title another paper already has.
  const [taken, takenPaper] = [...firstPapers].find(([slug, paper]) => slug !== retitled && paper.sources.length === 1 && paper.sources[0].file.startsWith('seeds/002_') && !paper.titleDerived)!;
  change.takenTitle = taken;
  lines.push('', takenPaper.title, '', NEW_ABSTRACT, '', '  • 2 authors', '·', 'Nov 5, 2025');
  writeFileSync(dump003, lines.join('\n'));
  // 3. Remove a paper: drop its line from the abstract-lines dump.
  const removedEntry = [...firstPapers].find(([, paper]) => paper.sources.length === 1 && paper.sources[0].file.startsWith('seeds/000_') && !paper.title.startsWith('D-GraB'))!;
  change.removed = removedEntry[0];
  const dump000 = join(seeds, '000_d81bca234a2fd64b.txt');
  const abstractLines = readFileSync(dump000, 'utf8').split('\n');
  abstractLines.splice(removedEntry[1].sources[0].line - 1, 1);
  writeFileSync(dump000, abstractLines.join('\n'));
  // 4. Rename a dump so that it is read last instead of second, and move its description along.
  change.renamed = 'zz_daily-papers-losses.txt';
  renameSync(join(seeds, '001_f6a6a4f33e35549c.txt'), join(seeds, change.renamed));
  const sources = join(seeds, 'sources.yaml');
  writeFileSync(sources, readFileSync(sources, 'utf8').replace('001_f6a6a4f33e35549c.txt:', `${change.renamed}:`));

  second = buildReport(site.dir, { ATLAS_SITE: SITE });
});
after(() => site?.cleanup());

test('should answer every URL of the first build after the dumps changed', () => {
  assert.ok(firstUrls.length > 250, `${firstUrls.length} URLs`);
  const missing = firstUrls.filter((file) => !existsSync(join(site.dir, 'dist', file)));
  assert.deepEqual(missing, []);
});

test('should keep every other paper at its slug, with its page', () => {
  const now = papersIn(site.dir);
  for (const [slug, paper] of firstPapers) {
    if (slug === change.retitled || slug === change.removed) continue;
    assert.equal(now.get(slug)?.title, paper.title, `${slug} kept its slug`);
  }
  const { permalinks } = stepFacts(second, 'ingest');
  assert.deepEqual([permalinks.added.length, permalinks.moved.length, permalinks.newlyRemoved], [1, 1, [change.removed]]);
  assert.deepEqual(permalinks.moved, [{ from: change.retitled, to: permalinks.moved[0].to }]);
});

test('should redirect a corrected title\'s old URL to the new one, at once and with rel=canonical', () => {
  const now = papersIn(site.dir);
  const [newSlug, paper] = [...now].find(([, candidate]) => candidate.title === change.retitledTo)!;
  assert.notEqual(newSlug, change.retitled);
  assert.deepEqual(paper.aliases, [change.retitled]);
  const old = page(`papers/${change.retitled}/index.html`);
  assert.equal(select('meta[http-equiv="refresh"]', old)?.properties.content, `0; url=/papers/${newSlug}/`);
  assert.equal(select('link[rel="canonical"]', old)?.properties.href, `${SITE}/papers/${newSlug}/`);
  assert.equal(select('meta[name="robots"]', old)?.properties.content, 'noindex');
  assert.equal(select('main a', old)?.properties.href, `/papers/${newSlug}/`);
  assert.equal(select('article h1', page(`papers/${newSlug}/index.html`)) && visibleText(select('article h1', page(`papers/${newSlug}/index.html`))!), change.retitledTo);
  assert.equal(readFileSync(join(site.dir, 'dist', 'papers', `${change.retitled}.bib`), 'utf8'), readFileSync(join(site.dir, 'dist', 'papers', `${newSlug}.bib`), 'utf8'));
  assert.ok(!readFileSync(join(site.dir, 'dist', 'sitemap-0.xml'), 'utf8').includes(`/papers/${change.retitled}/<`), 'the old URL leaves the sitemap');
});

test('should leave a notice, not a 404, where a removed paper was, linking its topic', () => {
  const notice = page(`papers/${change.removed}/index.html`);
  assert.equal(visibleText(select('main h1', notice)!), firstPapers.get(change.removed)!.title);
  assert.match(visibleText(select('main', notice)!), /no longer in the collection/);
  const topic = firstPapers.get(change.removed)!.topics[0];
  const link = select(`main a[href="/topics/${topic}/"]`, notice);
  assert.ok(link, 'links its topic');
  assert.ok(existsSync(join(site.dir, 'dist', 'topics', topic, 'index.html')));
  assert.equal(select('[data-pagefind-body]', notice), undefined, 'not in the search index');
  const registry = JSON.parse(readFileSync(join(site.dir, 'content', 'permalinks.json'), 'utf8'));
  assert.equal(registry[change.removed].removed, true);
});

test('should give a new paper with a taken title its own page, and leave the first one where it was', () => {
  const now = papersIn(site.dir);
  const [slug, paper] = [...now].find(([candidate, entry]) => candidate !== change.takenTitle && entry.title === firstPapers.get(change.takenTitle)!.title)!;
  assert.equal(slug, `${change.takenTitle}-2`);
  assert.match(visibleText(select('article', page(`papers/${slug}/index.html`))!), /We add a second paper under a title that is already taken/);
  assert.equal(paper.sources[0].file, 'seeds/003_bd86be415be21a61.txt');
  assert.doesNotMatch(visibleText(select('article', page(`papers/${change.takenTitle}/index.html`))!), /We add a second paper/);
});
