import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as pagefind from 'pagefind';
import { searchableDocument, shardCount, shardOf, writeBundle, type ShardManifest } from '../scripts/index-search.ts';
import { hashTree, listFiles } from './helpers/files.ts';
import { buildIn, copyProject } from './helpers/project-copy.ts';

// The seeds built once; the search index is then rebuilt in copies of dist/ with 40 papers a
// shard (4 shards), as an atlas of 1,000s of papers gets it with the default 1,000.
let site: ReturnType<typeof copyProject>;
let dist = '';

before(() => {
  site = copyProject();
  buildIn(site.dir);
  dist = join(site.dir, 'dist');
});

after(async () => {
  await pagefind.close();
  site?.cleanup();
});

/** Run the search step on a site folder; returns its report line. */
function indexSearch(folder: string, args: string[] = [], papersPerShard = '40'): string {
  return execFileSync(process.execPath, ['scripts/index-search.ts', '--site', folder, ...args], {
    cwd: site.dir,
    encoding: 'utf8',
    env: { ...process.env, ATLAS_SEARCH_SHARD_PAPERS: papersPerShard },
  });
}

const manifestOf = (folder: string) => JSON.parse(readFileSync(join(folder, 'pagefind', 'shards.json'), 'utf8')) as ShardManifest;
const paperPage = (folder: string, slug: string) => join(folder, 'papers', slug, 'index.html');
const GRAB = 'gradient-balancing-grab-is-a-recently-proposed-technique-that-finds-provably';

test('should count shards in powers of two, and keep a page in its shard', () => {
  assert.equal(shardCount(124, 1000), 1);
  assert.equal(shardCount(1000, 1000), 1);
  assert.equal(shardCount(1001, 1000), 2);
  assert.equal(shardCount(10_000, 1000), 16);
  assert.equal(shardCount(124, 40), 4);
  const file = `papers/${GRAB}/index.html`;
  assert.equal(shardOf(file, 4), shardOf(file, 4));
  const spread = new Set(Array.from({ length: 64 }, (_, index) => shardOf(`papers/p${index}/index.html`, 4)));
  assert.equal(spread.size, 4, 'pages spread over every shard');
});

test('should cut a page down to what Pagefind reads of it', () => {
  const page = '<!DOCTYPE html><html lang="en"><head><title>T</title><meta name="x" content="y"></head><body><nav>menu</nav>'
    + '<article data-pagefind-body><h1>Title</h1><article>nested</article><p>text</p></article><aside>related</aside></body></html>';
  assert.equal(searchableDocument(page), '<!DOCTYPE html><html lang="en"><head><title>T</title></head><body><article data-pagefind-body><h1>Title</h1><article>nested</article><p>text</p></article></body></html>');
  assert.equal(searchableDocument('<html><body><p>no body element</p></body></html>'), undefined);
  const filterOutside = page.replace('<aside>', '<aside data-pagefind-filter="topic">');
  assert.equal(searchableDocument(filterOutside), filterOutside, 'a filter outside the body: the whole page counts');
});

test('should index the searchable parts exactly as Pagefind indexes the whole pages', async () => {
  const pages = listFiles(dist).filter((file) => file.endsWith('.html') && !file.startsWith('pagefind/'))
    .map((file) => ({ file, html: readFileSync(join(dist, file), 'utf8') }))
    .filter((page) => searchableDocument(page.html) !== undefined);
  assert.equal(pages.length, 124);
  const whole = join(site.dir, 'index-whole');
  const parts = join(site.dir, 'index-parts');
  await writeBundle(pages.map((page) => ({ file: page.file, document: page.html })), whole);
  await writeBundle(pages.map((page) => ({ file: page.file, document: searchableDocument(page.html)! })), parts);
  assert.deepEqual(hashTree(parts), hashTree(whole));
});

test('should split the index into shards, each a Pagefind index, and list them', () => {
  const sharded = join(site.dir, 'dist-sharded');
  cpSync(dist, sharded, { recursive: true });
  assert.match(indexSearch(sharded), /124 pages indexed in 4 shards \(4 indexed, 0 unchanged and kept\)/);
  const manifest = manifestOf(sharded);
  assert.deepEqual(manifest.shards.map((shard) => shard.path), ['', 'shard-1/', 'shard-2/', 'shard-3/']);
  assert.equal(manifest.shards.reduce((sum, shard) => sum + shard.pages, 0), 124);
  for (const shard of manifest.shards) {
    const entry = JSON.parse(readFileSync(join(sharded, 'pagefind', shard.path, 'pagefind-entry.json'), 'utf8'));
    assert.equal(entry.languages.en.page_count, shard.pages, shard.path);
    assert.ok(shard.pages > 0);
  }
  // The runtime is in the first shard's folder only.
  const files = listFiles(join(sharded, 'pagefind'));
  assert.ok(files.includes('pagefind.js') && files.includes('pagefind-worker.js'));
  assert.deepEqual(files.filter((file) => /^shard-\d+\/pagefind[-.](js|worker)/.test(file) || /pagefind-ui/.test(file)), []);
});

test('should index again only the shard whose searchable part changed, and give what a full index gives', () => {
  const sharded = join(site.dir, 'dist-reused');
  cpSync(dist, sharded, { recursive: true });
  indexSearch(sharded);
  const before = manifestOf(sharded);

  // Outside the searchable part (the related papers, the citation box): no shard is indexed again.
  const file = paperPage(sharded, GRAB);
  const html = readFileSync(file, 'utf8');
  const body = html.indexOf('data-pagefind-body');
  const outside = html.replace('Related papers', 'Related papers (edited)').replace('naive parallel GraB', 'plain parallel GraB'); // the second: in <meta name="citation_abstract">
  assert.ok(outside.indexOf('plain parallel GraB') < body && outside.includes('(edited)'));
  writeFileSync(file, outside);
  assert.match(indexSearch(sharded, ['--reuse']), /4 shards \(0 indexed, 4 unchanged and kept\)/);
  assert.deepEqual(manifestOf(sharded), before);

  // Inside it (a word of the abstract): that paper's shard alone.
  writeFileSync(file, html.slice(0, body) + html.slice(body).replace('naive parallel GraB', 'plain parallel GraB'));
  assert.notEqual(readFileSync(file, 'utf8'), html);
  assert.match(indexSearch(sharded, ['--reuse']), /4 shards \(1 indexed, 3 unchanged and kept\)/);
  const after = manifestOf(sharded);
  const changed = after.shards.filter((shard, index) => shard.digest !== before.shards[index].digest);
  assert.equal(changed.length, 1);
  const reused = hashTree(join(sharded, 'pagefind'));

  // The same pages indexed from nothing give the same files.
  rmSync(join(sharded, 'pagefind'), { recursive: true });
  assert.match(indexSearch(sharded), /4 shards \(4 indexed/);
  assert.deepEqual(hashTree(join(sharded, 'pagefind')), reused);

  // Without --reuse (the search step run alone), everything is indexed again.
  assert.match(indexSearch(sharded), /4 shards \(4 indexed, 0 unchanged/);
  // Back to one index: the shard folders go.
  assert.match(indexSearch(sharded, ['--reuse'], '1000'), /Search index: 124 pages indexed in \d/);
  assert.deepEqual(manifestOf(sharded).shards.map((shard) => shard.path), ['']);
  assert.deepEqual(listFiles(join(sharded, 'pagefind')).filter((name) => name.startsWith('shard-')), []);
});
