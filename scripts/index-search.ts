/**
 * Build the Pagefind index over `dist/` through Pagefind's Node API.
 * Only paper articles (`data-pagefind-body`) are indexed. Each formula is indexed once, as
 * the text of its MathML: KaTeX's visual HTML and the MathML's TeX annotation are skipped
 * (otherwise excerpts read `PairBalance\textsf{PairBalance}`, `nn`, `mm`).
 *
 * Shards. Pagefind indexes every page again each time it runs, which at 10,000 papers is the
 * largest step of a build where one dump changed. So past ATLAS_SEARCH_SHARD_PAPERS papers
 * (default 1,000) the index is split into shards — a power of two of them, each paper in the
 * shard the hash of its path names, so a paper never moves while the count stays — and each
 * shard is a complete Pagefind index: the first at dist/pagefind/ (with Pagefind's runtime),
 * the others at dist/pagefind/shard-K/. dist/pagefind/shards.json lists them with a digest of
 * exactly what each one indexed. With `--reuse` (npm run build passes it when dist/ is as its
 * last build left it) a shard whose digest did not change is left as it is. The search page
 * searches every shard and merges the results (src/scripts/search-results.ts).
 *
 * What is indexed of a page is its searchable part alone (searchableDocument): the <html> tag,
 * the <title> and the data-pagefind-body element. That is all Pagefind reads of a page with a
 * body element, so the index is the one Pagefind would build from the whole pages
 * (tests/search-shards.test.ts checks it), and the digest covers everything that reaches it:
 * a paper whose related papers changed keeps its shard.
 *
 * With --reuse, a page whose size and time are those the last run saw is not read again
 * (--memo FILE, default .cache/atlas/search-pages.json).
 *
 * Usage: node scripts/index-search.ts [--site DIR] [--reuse] [--memo FILE]
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as pagefind from 'pagefind';
import { listFiles } from '../src/lib/list-files.ts';

/** What the index leaves out of a paper page: the visual copy of each formula and its TeX source. */
export const EXCLUDED = ['.katex-html', '.katex-mathml annotation'];
const INDEX_CONFIG = { excludeSelectors: EXCLUDED, forceLanguage: 'en' };
/** Papers per shard, at most (rounded to a power of two of shards): the setting and its default. */
export const SHARD_PAPERS_ENV = 'ATLAS_SEARCH_SHARD_PAPERS';
export const DEFAULT_SHARD_PAPERS = 1000;
/** Pagefind processes at most, each indexing one shard at a time (each takes a few hundred MB). */
const MAX_SERVICES = 4;
/** The list of shards the search page reads, in dist/pagefind/. */
export const MANIFEST = 'shards.json';
/** Bumped whenever what a shard digest covers changes, so no older shard is kept. */
const SHARD_FORMAT = 'atlas-search-shard-1';
/** Files of a Pagefind bundle that a shard other than the first needs: the runtime lives in the first. */
const SHARD_FILE = /^(pagefind-entry\.json|[^/]+\.pf_meta|wasm\.[^/]+\.pagefind|index|filter|fragment)$/;
/** Pagefind's prebuilt UIs: the site has its own search page on Pagefind's JS API. */
const PREBUILT_UI = /^pagefind-(ui|modular-ui|component-ui)\.(js|css)$/;

/** The list written to dist/pagefind/shards.json. */
export interface ShardManifest {
  format: string;
  shards: { path: string; pages: number; digest: string }[];
}

/** One page to index: its path in the site and its searchable part (or that part's digest, until it is needed). */
interface SearchablePage {
  file: string;
  digest: string;
  document?: string;
}

/** Fail with the errors Pagefind reported, if any: Pagefind is trusted only when they are empty. */
function check(step: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind ${step} failed:\n  ${errors.join('\n  ')}`);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** How many shards for this many pages: one up to `perShard`, then the power of two that keeps each at most `perShard`. */
export function shardCount(pages: number, perShard: number): number {
  return pages <= perShard ? 1 : 2 ** Math.ceil(Math.log2(pages / perShard));
}

/** The shard of a page (by the hash of its path, so it stays put while the shard count does). */
export function shardOf(file: string, count: number): number {
  return count === 1 ? 0 : Number.parseInt(sha256(file).slice(0, 8), 16) % count;
}

/** Attributes that make Pagefind read an element wherever it is: if one is outside the body element, the whole page counts. */
const PAGEFIND_DATA = /\bdata-pagefind-(filter|meta|sort|weight|index-attrs|default-meta)\b/i;
const BODY = /<([a-z][\w-]*)\b[^>]*\bdata-pagefind-body\b[^>]*>/i;

/**
 * What Pagefind reads of a page, as a small document: the <html> tag (its language), the
 * <title> and the data-pagefind-body element; undefined for a page without one (not indexed).
 * When the page has Pagefind attributes outside that element, or an element that cannot be
 * matched, the whole page is returned.
 */
export function searchableDocument(html: string): string | undefined {
  const open = BODY.exec(html);
  if (!open) return undefined;
  const name = open[1];
  const tags = new RegExp(`<(/?)${name}\\b[^>]*>`, 'gi');
  tags.lastIndex = open.index + open[0].length;
  let depth = 1;
  let end = -1;
  for (let tag = tags.exec(html); tag; tag = tags.exec(html)) {
    depth += tag[1] ? -1 : 1;
    if (depth === 0) {
      end = tag.index + tag[0].length;
      break;
    }
  }
  if (end < 0) return html;
  const outside = html.slice(0, open.index) + html.slice(end);
  if (PAGEFIND_DATA.test(outside)) return html;
  const htmlTag = /<html\b[^>]*>/i.exec(outside)?.[0] ?? '<html>';
  const title = /<title\b[^>]*>[\s\S]*?<\/title>/i.exec(outside)?.[0] ?? '';
  return `<!DOCTYPE html>${htmlTag}<head>${title}</head><body>${html.slice(open.index, end)}</body></html>`;
}

/** What the last run learnt of each page file, by its path in the site (never absolute, so a moved project keeps it): size and time it had, and the digest of its searchable part (null: none). */
type PageMemo = Record<string, { size: number; mtimeMs: number; digest: string | null }>;

function readMemo(file: string | undefined): PageMemo {
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PageMemo;
  } catch {
    return {};
  }
}

/**
 * Every page of the site that has a searchable part, in path order, with the digest of that
 * part. A page whose size and modification time are those the last run recorded (`memo`: the
 * pages an incremental build left in place) is not read again, as npm run build trusts dist/.
 */
function searchablePages(site: string, memo: PageMemo): { pages: SearchablePage[]; memo: PageMemo } {
  const pages: SearchablePage[] = [];
  const next: PageMemo = {};
  for (const file of listFiles(site)) {
    if (!file.endsWith('.html') || file.startsWith('pagefind/')) continue;
    const path = join(site, file);
    const { size, mtimeMs } = statSync(path);
    const known = memo[file];
    let digest = known && known.size === size && known.mtimeMs === mtimeMs ? known.digest : undefined;
    let document: string | undefined;
    if (digest === undefined) {
      const found = searchableDocument(readFileSync(path, 'utf8'));
      // A copy, not a slice: a slice would keep the whole page in memory (256 MB of pages at 10,000 papers).
      document = found === undefined ? undefined : Buffer.from(found).toString();
      digest = document === undefined ? null : sha256(document);
    }
    next[file] = { size, mtimeMs, digest };
    if (digest !== null) pages.push({ file: file.split('\\').join('/'), digest, document });
  }
  return { pages, memo: next };
}

/** A page's searchable part, read now if the page was known from the last run. */
function documentOf(site: string, page: SearchablePage): string {
  return page.document ?? searchableDocument(readFileSync(join(site, page.file), 'utf8')) ?? '';
}

function readManifest(output: string): ShardManifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(output, MANIFEST), 'utf8')) as ShardManifest;
    return manifest.format === SHARD_FORMAT ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** Pagefind's Node API: one module, one indexing process (started on first use). */
type PagefindService = typeof pagefind;

/**
 * Separate indexing processes, to index shards side by side. Pagefind's Node API runs a single
 * process per module and serves one index at a time, using about one core, so the first is
 * the module imported above and each other is a copy of the module, imported under its own
 * URL (`?service=K`), whose process is its own.
 */
async function pagefindServices(count: number): Promise<PagefindService[]> {
  const url = import.meta.resolve('pagefind');
  const copies = await Promise.all(Array.from({ length: count - 1 }, (_, k) => import(`${url}?service=${k + 1}`) as Promise<PagefindService>));
  return [pagefind, ...copies];
}

/** Index some pages (path in the site, HTML) into a new Pagefind bundle at `output`. */
export async function writeBundle(pages: readonly { file: string; document: string }[], output: string, service: PagefindService = pagefind): Promise<void> {
  const { index, errors } = await service.createIndex(INDEX_CONFIG);
  check('start', errors);
  if (!index) throw new Error('Pagefind did not start');
  // Sent all at once (Pagefind keeps the order they were sent in): one round trip each would dominate.
  const added = await Promise.all(pages.map((page) => index.addHTMLFile({ sourcePath: page.file, content: page.document })));
  added.forEach((result, position) => check(`indexing ${pages[position].file}`, result.errors));
  rmSync(output, { recursive: true, force: true });
  const written = await index.writeFiles({ outputPath: output });
  check('writing', written.errors);
  await index.deleteIndex();
}

/** Put a freshly written bundle in place of shard `path` ('' is the first, at the root of `output`). */
function install(fresh: string, output: string, path: string): void {
  if (path === '') {
    // The first shard shares its folder with the others' folders and the manifest.
    for (const name of readdirSync(output)) {
      if (!name.startsWith('shard-') && !name.startsWith('.next-') && name !== MANIFEST) rmSync(join(output, name), { recursive: true, force: true });
    }
    for (const name of readdirSync(fresh)) if (!PREBUILT_UI.test(name)) renameSync(join(fresh, name), join(output, name));
    rmSync(fresh, { recursive: true, force: true });
    return;
  }
  for (const name of readdirSync(fresh)) if (!SHARD_FILE.test(name)) rmSync(join(fresh, name), { recursive: true, force: true });
  rmSync(join(output, path), { recursive: true, force: true });
  renameSync(fresh, join(output, path));
}

/** What one run of the indexer did. */
export interface IndexResult {
  pages: number;
  shards: number;
  /** Shards indexed by this run (the others were kept as they were). */
  written: number;
}

/**
 * Index the built site into `site`/pagefind/. With `reuse`, shards whose pages did not change
 * since the last run are kept; otherwise the whole index is written anew.
 */
export async function indexSite(site: string, options: { reuse?: boolean; perShard?: number; memo?: string } = {}): Promise<IndexResult> {
  const perShard = options.perShard ?? DEFAULT_SHARD_PAPERS;
  const output = join(site, 'pagefind');
  const { pages, memo } = searchablePages(site, options.reuse ? readMemo(options.memo) : {});
  const count = shardCount(pages.length, perShard);
  const shards = Array.from({ length: count }, (_, k) => ({ path: k === 0 ? '' : `shard-${k}/`, pages: [] as SearchablePage[], digest: '' }));
  for (const page of pages) shards[shardOf(page.file, count)].pages.push(page);
  const version = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'node_modules', 'pagefind', 'package.json'), 'utf8')).version as string;
  for (const shard of shards) {
    const hash = createHash('sha256').update(`${SHARD_FORMAT}\n${version}\n${JSON.stringify(INDEX_CONFIG)}\n`);
    for (const page of shard.pages) hash.update(`${page.file}\n${page.digest}\n`);
    shard.digest = hash.digest('hex');
  }

  const previous = options.reuse ? readManifest(output) : undefined;
  if (!previous) rmSync(output, { recursive: true, force: true });
  mkdirSync(output, { recursive: true });
  rmSync(join(output, MANIFEST), { force: true }); // written again once every shard is in place
  const unchanged = (shard: (typeof shards)[number]) =>
    previous?.shards.some((old) => old.path === shard.path && old.digest === shard.digest) === true &&
    existsSync(join(output, shard.path, 'pagefind-entry.json'));
  const stale = shards.filter((shard) => !unchanged(shard));
  for (const name of readdirSync(output)) {
    // Shards past the new count, and what an interrupted run left.
    if ((name.startsWith('shard-') && !shards.some((shard) => shard.path === `${name}/`)) || name.startsWith('.next-')) rmSync(join(output, name), { recursive: true, force: true });
  }
  // Shards are indexed side by side, one Pagefind process per core (two on the reference
  // machine: 10,000 papers in 16 shards took 17 s instead of 22.5 s), each taking the next shard.
  const services = await pagefindServices(Math.max(1, Math.min(availableParallelism(), MAX_SERVICES, stale.length)));
  let next = 0;
  try {
    await Promise.all(
      services.map(async (service) => {
        for (let shard = stale[next++]; shard !== undefined; shard = stale[next++]) {
          const fresh = join(output, `.next-${shards.indexOf(shard)}`);
          await writeBundle(shard.pages.map((page) => ({ file: page.file, document: documentOf(site, page) })), fresh, service);
          install(fresh, output, shard.path);
        }
      }),
    );
  } finally {
    await Promise.all(services.map((service) => service.close()));
  }
  const manifest: ShardManifest = { format: SHARD_FORMAT, shards: shards.map(({ path, pages: list, digest }) => ({ path, pages: list.length, digest })) };
  writeFileSync(join(output, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  if (options.memo) {
    mkdirSync(dirname(options.memo), { recursive: true });
    writeFileSync(options.memo, JSON.stringify(memo));
  }
  return { pages: pages.length, shards: count, written: stale.length };
}

/** The papers-per-shard setting, checked. */
export function perShardSetting(value = process.env[SHARD_PAPERS_ENV]): number {
  if (value === undefined || value === '') return DEFAULT_SHARD_PAPERS;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`${SHARD_PAPERS_ENV} wants a positive whole number of papers per search index shard, got "${value}" (default ${DEFAULT_SHARD_PAPERS}).`);
  return number;
}

async function run(): Promise<number> {
  const { values } = parseArgs({ options: { site: { type: 'string', default: 'dist' }, reuse: { type: 'boolean', default: false }, memo: { type: 'string', default: '.cache/atlas/search-pages.json' } } });
  const site = resolve(values.site);
  const started = performance.now();
  const result = await indexSite(site, { reuse: values.reuse, perShard: perShardSetting(), memo: resolve(values.memo) }); // 1. index dist/ and write dist/pagefind/
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const shards = result.shards === 1 ? (result.written === 1 ? '' : ' (unchanged since the last build, kept)') : ` in ${result.shards} shards (${result.written} indexed, ${result.shards - result.written} unchanged and kept)`;
  console.log(`Search index: ${result.pages} pages indexed${shards} in ${seconds} s, written to ${join(values.site, 'pagefind')}/`); // 2. report
  if (result.pages === 0) {
    console.error('No page was indexed: is the site built (run `astro build` first) and do paper pages carry data-pagefind-body?');
    return 1;
  }
  return 0;
}

if (import.meta.main) {
  run().then(
    (code) => { process.exitCode = code; },
    (error: Error) => { console.error(error.message); process.exitCode = 1; },
  );
}
