import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { parseHtml, select, selectAll, visibleText } from './helpers/html.ts';
import { readPapers } from './helpers/content.ts';
import { sharedSeeds } from './helpers/shared-builds.ts';

let site: ReturnType<typeof sharedSeeds>;
let dist = '';
interface Frontmatter { title: string; published?: string; topics: string[]; related: string[]; sources: { file: string; line: number; listing: string }[] }
let papers: Map<string, Frontmatter>;

before(() => {
  site = sharedSeeds('seeds'); // the suite's shared build of the seeds, read only
  dist = join(site.dir, 'dist');
  papers = readPapers<Frontmatter>(site.dir);
});
after(() => site?.cleanup());

const page = (path: string) => parseHtml(readFileSync(join(dist, path, 'index.html'), 'utf8'));
/** Slugs of the papers a list page shows as cards, in order. */
const cardSlugs = (path: string) =>
  selectAll('main .card h2 a, main .card h3 a', page(path)).map((link) => String(link.properties.href).match(/\/papers\/([^/]+)\//)![1]);

/** Every page of a paginated list, following its "Older" links from the first. */
function allPages(first: string): string[] {
  const pages = [first];
  for (;;) {
    const next = select('a[rel="next"]', page(pages.at(-1)!));
    if (!next) return pages;
    pages.push(String(next.properties.href).replace(/^\//, ''));
  }
}

test('should keep the taxonomy within its bounds on the seeds', () => {
  const taxonomy = parseYaml(readFileSync(join(site.dir, 'content', 'topics.yaml'), 'utf8')) as Record<string, { catchAll?: boolean }>;
  const slugs = Object.keys(taxonomy);
  assert.ok(slugs.length >= 8 && slugs.length <= 25, `${slugs.length} topics`);
  const catchAll = slugs.find((slug) => taxonomy[slug].catchAll)!;
  const counts = new Map(slugs.map((slug) => [slug, [...papers.values()].filter((paper) => paper.topics.includes(slug)).length]));
  for (const [slug, count] of counts) {
    if (slug === catchAll) continue;
    assert.ok(count >= 3, `${slug} has ${count} papers`);
    assert.ok(count <= 0.4 * papers.size, `${slug} has ${count} of ${papers.size} papers`);
  }
  assert.ok(counts.get(catchAll)! <= 0.1 * papers.size, `catch-all holds ${counts.get(catchAll)}`);
  for (const [slug, paper] of papers) assert.ok(paper.topics.length >= 1 && paper.topics.length <= 3, slug);
});

test('should show every paper on each of its topics\' pages, each once, newest first, across pages', () => {
  const topics = new Set([...papers.values()].flatMap((paper) => paper.topics));
  for (const topic of topics) {
    const shown = allPages(`topics/${topic}/`).flatMap(cardSlugs);
    const expected = [...papers].filter(([, paper]) => paper.topics.includes(topic)).map(([slug]) => slug);
    assert.deepEqual([...shown].sort(), [...expected].sort(), topic);
    assert.equal(new Set(shown).size, shown.length, `${topic} shows a paper twice`);
  }
});

test('should list every topic on /topics/ with its count and three newest titles', () => {
  const index = page('topics');
  const topics = new Set([...papers.values()].flatMap((paper) => paper.topics));
  const items = selectAll('.topics > li', index);
  assert.equal(items.length, topics.size);
  for (const item of items) {
    const slug = String(select('h3 a', item)!.properties.href).match(/\/topics\/([^/]+)\//)![1];
    const count = [...papers.values()].filter((paper) => paper.topics.includes(slug)).length;
    assert.match(visibleText(select('.count', item)!), new RegExp(`^${count} papers?$`));
    const newest = selectAll('.newest a', item).map((link) => String(link.properties.href).match(/\/papers\/([^/]+)\//)![1]);
    assert.deepEqual(newest, cardSlugs(`topics/${slug}/`).slice(0, 3));
  }
});

test('should link at least three related papers on every paper page, never itself, never twice', () => {
  for (const slug of papers.keys()) {
    const related = selectAll('.related .card a', page(`papers/${slug}`)).map((link) => String(link.properties.href));
    assert.ok(related.length >= 3, `${slug}: ${related.length} related`);
    assert.ok(!related.some((href) => href.includes(`/papers/${slug}/`)), `${slug} links itself`);
    assert.equal(new Set(related).size, related.length, `${slug} repeats a related paper`);
    for (const href of related) assert.ok(existsSync(join(dist, href, 'index.html')), href);
  }
});

test('should show topic chips linking to topic pages on every paper page', () => {
  for (const [slug, paper] of papers) {
    const chips = selectAll('.chips a', page(`papers/${slug}`)).map((link) => String(link.properties.href));
    assert.deepEqual(chips, paper.topics.map((topic) => `/topics/${topic}/`), slug);
  }
});

test('should give each of the four dumps a listing page with its papers in the dump\'s order', () => {
  const listings = JSON.parse(readFileSync(join(site.dir, 'content', 'listings.json'), 'utf8')) as { id: string; file: string; papers: string[] }[];
  assert.equal(listings.length, 4);
  for (const listing of listings) {
    const pages = allPages(`sources/${listing.id}/`);
    const shown = pages.flatMap(cardSlugs);
    const expected = [...new Set(listing.papers)];
    assert.deepEqual(shown, expected, listing.id);
    // The order is the dump's: each paper's line in this dump grows down the list.
    const lines = shown.map((slug) => papers.get(slug)!.sources.find((source) => source.file === listing.file)!.line);
    assert.deepEqual(lines, [...lines].sort((a, b) => a - b), listing.id);
  }
  // 003 lists 63 records: two pages of at most 50.
  assert.equal(allPages('sources/daily-papers-2025-11-06/').length, 2);
});

test('should show the topics with counts on the home page', () => {
  const home = page('');
  const links = selectAll('.topic-list li', home).map((item) => visibleText(item));
  assert.ok(links.length >= 8);
  for (const text of links) assert.match(text, / \d+$/);
});

test('should show only the newest papers on the home page and every paper on /latest/, newest first, undated last', () => {
  const home = cardSlugs('');
  const pages = allPages('latest/');
  const all = pages.flatMap(cardSlugs);
  assert.equal(home.length, 20, 'the home page does not grow with the collection');
  assert.deepEqual(home, all.slice(0, 20));
  assert.equal(String(select('a[href="/latest/"]', page(''))?.properties.href), '/latest/');
  assert.deepEqual([...all].sort(), [...papers.keys()].sort(), 'every paper once');
  assert.equal(pages.length, Math.ceil(papers.size / 50));
  const dates = all.map((slug) => papers.get(slug)!.published ?? '0000');
  const dated = dates.filter((date) => date !== '0000');
  assert.deepEqual(dated, [...dated].sort().reverse(), 'newest first');
  assert.deepEqual(dates.slice(dated.length), dates.slice(dated.length).map(() => '0000'), 'undated last');
});
