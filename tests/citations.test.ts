import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import type { Browser } from 'playwright-core';
import { parseBibtex } from './helpers/bibtex.ts';
import { launchBrowser, watchCsp } from './helpers/browser.ts';
import { parseHtml, select, selectAll } from './helpers/html.ts';
import { readPapers } from './helpers/content.ts';
import type { copyProject } from './helpers/project-copy.ts';
import { serveStatic } from './helpers/serve.ts';
import { sharedSeeds, SHARED_BUILDS } from './helpers/shared-builds.ts';

const SITE = SHARED_BUILDS['seeds-hosted'].env.ATLAS_SITE; // the shared build's host
let site: ReturnType<typeof copyProject>;
let dist = '';
interface Frontmatter { title: string; published?: string; topics: string[] }
let papers: Map<string, Frontmatter>;
const xml = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['item', 'url', 'sitemap', 'category'].includes(name) });

before(() => {
  site = sharedSeeds('seeds-hosted'); // built with ATLAS_SITE=SITE; read only
  dist = join(site.dir, 'dist');
  papers = readPapers<Frontmatter>(site.dir);
});
after(() => site?.cleanup());

const read = (path: string) => readFileSync(join(dist, path), 'utf8');
const meta = (root: ReturnType<typeof parseHtml>, selector: string) => select(selector, root)?.properties.content as string | undefined;
/** The dist/ file a URL of this site is served from. */
function fileOf(url: string): string {
  assert.ok(url.startsWith(`${SITE}/`), `${url} is not on ${SITE}`);
  const path = decodeURIComponent(url.slice(SITE.length + 1));
  return path === '' || path.endsWith('/') ? join(dist, path, 'index.html') : join(dist, path);
}

test('should give every paper page a canonical URL, Highwire tags, Open Graph, Twitter and JSON-LD', () => {
  assert.ok(papers.size > 100);
  for (const [slug, paper] of papers) {
    const url = `${SITE}/papers/${slug}/`;
    const root = parseHtml(read(`papers/${slug}/index.html`));
    assert.equal(select('link[rel="canonical"]', root)?.properties.href, url, slug);
    assert.equal(meta(root, 'meta[name="citation_title"]'), paper.title, slug);
    assert.equal(meta(root, 'meta[name="citation_publication_date"]'), paper.published?.replaceAll('-', '/'), slug);
    assert.equal(meta(root, 'meta[name="citation_abstract_html_url"]'), url);
    assert.equal(meta(root, 'meta[property="og:title"]'), paper.title);
    assert.equal(meta(root, 'meta[property="og:type"]'), 'article');
    assert.equal(meta(root, 'meta[property="og:url"]'), url);
    assert.ok((meta(root, 'meta[property="og:description"]') ?? '').length > 20, `${slug}: og:description`);
    assert.equal(meta(root, 'meta[name="twitter:card"]'), 'summary');
    assert.equal(meta(root, 'meta[name="citation_author"]'), undefined, 'no author is invented');
    const scripts = selectAll('script[type="application/ld+json"]', root);
    assert.equal(scripts.length, 1, slug);
    const ld = JSON.parse((scripts[0].children[0] as { value: string }).value);
    assert.equal(ld['@type'], 'ScholarlyArticle');
    assert.equal(ld.name, paper.title);
    assert.equal(ld.url, url);
    assert.equal(ld.datePublished, paper.published);
    assert.ok(ld.abstract.length > 100, `${slug}: abstract in JSON-LD`);
    // The abstract in citation_abstract is the page's own text, from its first words.
    const firstWords = (select('article .abstract p', root)?.children.find((child) => child.type === 'text') as { value: string } | undefined)?.value.trim().slice(0, 30);
    if (firstWords) assert.ok(meta(root, 'meta[name="citation_abstract"]')!.startsWith(firstWords), `${slug}: citation_abstract`);
  }
});

test('should show a BibTeX entry on each paper page equal to its downloadable .bib', () => {
  for (const [slug, paper] of papers) {
    const root = parseHtml(read(`papers/${slug}/index.html`));
    const shown = select('.cite pre code', root);
    assert.ok(shown, `${slug}: BibTeX block`);
    const text = (shown.children[0] as { value: string }).value;
    assert.equal(text, read(`papers/${slug}.bib`), slug);
    const entry = parseBibtex(text);
    assert.equal(entry.key, slug);
    assert.equal(entry.fields.title, paper.title);
    assert.equal(entry.fields.url, `${SITE}/papers/${slug}/`);
    assert.equal(entry.fields.year, paper.published?.slice(0, 4));
    const download = select('.cite a[download]', root);
    assert.equal(download?.properties.href, `/papers/${slug}.bib`);
  }
});

test('should publish an RSS feed of the newest papers and one per topic, each item a page of the site', () => {
  const feedText = read('feed.xml');
  const channel = xml.parse(feedText, true).rss.channel; // `true`: validate, throw on malformed XML
  assert.equal(channel.link, `${SITE}/`);
  assert.ok(channel.item.length >= 20 && channel.item.length <= 50, `${channel.item.length} items`);
  const dates = channel.item.filter((item: { pubDate?: string }) => item.pubDate).map((item: { pubDate: string }) => Date.parse(item.pubDate));
  assert.ok(dates.length >= 20, 'dated papers come first');
  assert.deepEqual(dates, [...dates].sort((a: number, b: number) => b - a), 'newest first');
  for (const item of channel.item) {
    const slug = /\/papers\/([^/]+)\/$/.exec(item.link)![1];
    assert.equal(item.title, papers.get(slug)?.title);
    assert.ok(existsSync(fileOf(item.link)), item.link);
    assert.ok(String(item.description).length > 100);
  }
  const topics = new Set([...papers.values()].flatMap((paper) => paper.topics));
  for (const topic of topics) {
    const feed = xml.parse(read(`topics/${topic}/feed.xml`)).rss.channel;
    const expected = [...papers.values()].filter((paper) => paper.topics.includes(topic)).length;
    assert.equal(feed.item.length, Math.min(expected, 50), topic);
    for (const item of feed.item) assert.ok(papers.get(/\/papers\/([^/]+)\/$/.exec(item.link)![1])?.topics.includes(topic), `${topic}: ${item.link}`);
    assert.ok(select(`link[rel="alternate"][href="/topics/${topic}/feed.xml"]`, parseHtml(read(`topics/${topic}/index.html`))), `${topic} page links its feed`);
  }
});

test('should list every paper in the sitemap, point robots.txt at it and describe every paper in papers.json', () => {
  const robots = read('robots.txt');
  const sitemapUrl = /^Sitemap: (\S+)$/m.exec(robots)?.[1];
  assert.equal(sitemapUrl, `${SITE}/sitemap-index.xml`);
  const index = xml.parse(read('sitemap-index.xml')).sitemapindex.sitemap.map((entry: { loc: string }) => entry.loc);
  const urls = new Set<string>(index.flatMap((loc: string) => xml.parse(readFileSync(fileOf(loc), 'utf8')).urlset.url.map((entry: { loc: string }) => entry.loc)));
  for (const slug of papers.keys()) assert.ok(urls.has(`${SITE}/papers/${slug}/`), `${slug} in the sitemap`);
  for (const url of urls) assert.ok(existsSync(fileOf(url)), `${url} answers`);
  const data = JSON.parse(read('papers.json'));
  assert.equal(data.count, papers.size);
  assert.deepEqual(new Set(data.papers.map((paper: { slug: string }) => paper.slug)), new Set(papers.keys()));
  for (const paper of data.papers) {
    assert.equal(paper.title, papers.get(paper.slug)?.title);
    assert.ok(existsSync(fileOf(paper.url)) && existsSync(fileOf(paper.bibtex)), paper.slug);
  }
});

test('should copy the link and the BibTeX with the keyboard alone', async () => {
  const server = await serveStatic(dist);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const csp = watchCsp(browser);
    const context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.url).origin });
    const page = await context.newPage();
    const slug = [...papers.keys()][0];
    await page.goto(`${server.url}papers/${slug}/`);
    const copyLink = page.getByRole('button', { name: 'Copy link' });
    await copyLink.waitFor();
    // Tab from the BibTeX download link to the next control: the copy-link button.
    await page.getByRole('link', { name: 'Download .bib' }).focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Copy link');
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Link copied.' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${SITE}/papers/${slug}/`);
    await page.getByRole('button', { name: 'Copy BibTeX' }).focus();
    await page.keyboard.press('Space');
    await page.getByRole('status').filter({ hasText: 'BibTeX copied.' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), read(`papers/${slug}.bib`));
    assert.deepEqual(csp, [], 'the copy buttons ran under the Content-Security-Policy');
  } finally {
    await browser?.close();
    await server.close();
  }
});
