/**
 * Build the search index: one Pagefind index of every paper, from the search records the site
 * build wrote (src/lib/search-records.ts: text, meta, filters and sort keys, through Pagefind's
 * Node API `addCustomRecord`; no HTML is parsed).
 *
 * A reader's first search loads one Pagefind runtime, one WebAssembly module and one index, and
 * every score comes from one set of statistics. Pagefind has no incremental mode, and indexing
 * every paper again costs about 0.8 ms a paper (8 s at 10,000), so a build that only adds or
 * changes a few papers does not rebuild it:
 *
 * - the **main index** (dist/pagefind/) holds every paper as of the last full build;
 * - the **recent index** (dist/pagefind/recent/) holds the papers added or changed since, and
 *   the manifest (dist/pagefind/atlas-index.json) lists the main index's entries they replace
 *   (and those of removed papers), which the search page leaves out. The search page merges
 *   the recent index into the main one's runtime (Pagefind's `mergeIndex`: one runtime, one
 *   WebAssembly instance).
 * - When the recent index would hold more than `search.recentShare` of the papers (atlas({ … }); default
 *   0.05: 500 of 10,000), or without `--reuse` (npm run build passes it when dist/ is as its last
 *   build left it), everything goes back into one main index. So merges are rare (every ten
 *   days of 50 papers at 10,000), and the recent index, scored with its own statistics, stays
 *   small.
 *
 * Files whose bytes did not change are left as they are (Pagefind names most by their content).
 * The state of the last run is .cache/atlas/search-index.json.
 *
 * Usage: node scripts/index-search.ts [--site DIR] [--records FILE] [--reuse] [--state FILE]
 */
import { reportFacts, reportProgress, reportSummary } from './build/build-events.ts';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';
import { RECORDS_FILE } from '../src/integrations/search-records.ts';
import { readAtlasConfig } from '../src/lib/atlas-config.ts';
import { listFiles } from './build/list-files.ts';
import type { SearchRecord } from '../src/lib/search-records.ts';
import { MAP_IDS_FILE, TITLE_CHUNK } from '../src/lib/map-format.ts';
import { writeIfChanged } from './build/write-if-changed.ts';

/** Pagefind's settings for the abstracts' language (`language` in atlas({ … })): the words are stemmed as that language's. */
function indexConfig(language: string): { forceLanguage: string } {
  return { forceLanguage: language.toLowerCase() };
}
/** The share of papers the recent index may hold before everything goes back into the main index, by default (`search.recentShare` in atlas({ … })). */
export const DEFAULT_RECENT_SHARE = 0.05;
/** The list the search page reads, in dist/pagefind/. */
export const MANIFEST = 'atlas-index.json';
/** Where the recent index goes, in dist/pagefind/. */
export const RECENT = 'recent/';
/** Where the main index's parts after the first go, in dist/pagefind/: part-1/, part-2/… */
const PART_DIR = /^part-\d+\//;
/**
 * Pagefind's memory while it writes an index grows with the text it indexes: about 100 bytes for
 * each byte of text (its CLI as much as its Node API): 1.4 GB for 10,000 papers of 1,350
 * characters (14 MB of text), 12 GB at 100,000. So the main index is built in parts of at most
 * this many megabytes of paper text (about 1 GB of Pagefind's memory), one after the other (each
 * part's memory is freed before the next), merged in the reader's browser like the recent index.
 * Up to that much text it is one index; past it a first search costs a reader a few more
 * requests per part, for about the same bytes.
 */
export const DEFAULT_PART_MB = 10; // `search.partMB` in atlas({ … })
/** Bumped whenever the layout of the index or the state changes, so nothing older is reused. */
const FORMAT = 'atlas-search-5';
/** Pagefind's prebuilt UIs: the site has its own search page on Pagefind's JS API. */
const PREBUILT_UI = /^pagefind-(ui|modular-ui|component-ui)\.(js|css)$/;
/** What a merged index needs: the runtime and its WebAssembly come from the main one. */
const INDEX_FILE = /^(pagefind-entry\.json|[^/]+\.pf_meta|(index|filter|fragment)\/.*)$/;

/** The manifest the search page reads. */
export interface IndexManifest {
  format: string;
  /** Papers searchable, in all. */
  pages: number;
  /** The folders of the main index's parts after the first (which is dist/pagefind/ itself), relative to dist/pagefind/. */
  parts: string[];
  /** The recent index's folder, relative to dist/pagefind/, or null when everything is in the main index. */
  recent: string | null;
  /** Result ids (Pagefind's page hashes) of the main index that a newer record replaces or that were removed: left out of every search. */
  superseded: string[];
}

/** What the last run left, to be continued by the next. */
interface IndexState {
  format: string;
  /** Pagefind's version and the indexing settings: another, and nothing is reused. */
  key: string;
  /** Every paper in the main index: record digest and the id of its entry. */
  main: Record<string, [digest: string, id: string]>;
  /** Every paper in the recent index, with its record digest. */
  recent: Record<string, string>;
  /** The id of each entry of the recent index. */
  recentIds?: Record<string, string>;
}

/** What one run did. */
export interface IndexResult {
  pages: number;
  /** Parts of the main index. */
  parts: number;
  /** 'full': the main index written; 'recent': the recent index written, the main index kept; 'kept': nothing to do. */
  mode: 'full' | 'recent' | 'kept';
  /** Papers in the recent index, and main-index entries it replaces or that were removed. */
  recent: number;
  superseded: number;
  /** Files written and deleted in dist/pagefind/. */
  written: number;
  deleted: number;
}

/** Fail with the errors Pagefind reported, if any: Pagefind is trusted only when they are empty. */
function check(step: string, errors: readonly string[]): void {
  if (errors.length > 0) throw new Error(`Pagefind ${step} failed:\n  ${errors.join('\n  ')}`);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** How many records are on their way to Pagefind at once: enough to keep it busy, few enough that they are not all held twice. */
const IN_FLIGHT = 64;

/** Index records into a new Pagefind bundle, in memory: path → bytes. */
export async function buildBundle(records: readonly SearchRecord[], phase = 'indexing papers', language = 'en'): Promise<Map<string, Uint8Array>> {
  const { index, errors } = await pagefind.createIndex(indexConfig(language));
  check('start', errors);
  if (!index) throw new Error('Pagefind did not start');
  // A few at a time, in order (Pagefind numbers pages in the order they arrive): one round trip
  // at a time would dominate, and all at once holds every record twice.
  let next = 0;
  let indexed = 0;
  const failures: string[] = [];
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, records.length) }, async () => {
    while (next < records.length) {
      const record = records[next++];
      const result = await index.addCustomRecord(record);
      if (result.errors.length > 0) failures.push(`${record.url}: ${result.errors.join('; ')}`);
      reportProgress(phase, (indexed += 1), records.length);
    }
  }));
  check('indexing', failures);
  // Pagefind's writeFiles writes the same files, but took 1.5-2x as long here.
  const { files, errors: failed } = await index.getFiles();
  check('writing', failed);
  await index.deleteIndex();
  return new Map(files.map((file) => [file.path.split('\\').join('/'), file.content]));
}

/** The id of each page of a bundle (its fragment's name, which Pagefind's results call `id`), by URL. */
export function pageIds(bundle: ReadonlyMap<string, Uint8Array>): Map<string, string> {
  const ids = new Map<string, string>();
  for (const [path, content] of bundle) {
    const fragment = /^fragment\/(.+)\.pf_fragment$/.exec(path);
    if (!fragment) continue;
    const text = gunzipSync(content).toString('utf8');
    const url = (JSON.parse(text.slice(text.indexOf('{'))) as { url: string }).url;
    ids.set(url, fragment[1]);
  }
  return ids;
}

/**
 * Make folder `dir` hold exactly the files of `bundle` (`keep` aside): a file whose bytes are
 * already right is not written again. Returns how many files were written and deleted.
 */
function syncFolder(dir: string, bundle: ReadonlyMap<string, Uint8Array>, keep: (file: string) => boolean): { written: number; deleted: number } {
  let written = 0;
  let deleted = 0;
  const existing = new Set(existsSync(dir) ? listFiles(dir).map((file) => file.split('\\').join('/')) : []);
  for (const [file, content] of bundle) {
    const path = join(dir, file);
    if (existing.has(file)) {
      const old = readFileSync(path);
      if (old.length === content.length && old.equals(content)) continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    written += 1;
  }
  for (const file of existing) {
    if (bundle.has(file) || keep(file)) continue;
    rmSync(join(dir, file));
    deleted += 1;
  }
  return { written, deleted };
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** The search records the site build wrote, checked. */
export function readRecords(file: string): SearchRecord[] {
  let records: unknown;
  try {
    records = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read the search records (${(error as Error).message}). Build the site first (\`npm run build\`, or \`astro build\`).`);
  }
  if (!Array.isArray(records)) throw new Error(`${file}: not a list of search records. Build the site again (\`npm run build -- --force\`).`);
  return records as SearchRecord[];
}

/**
 * Index the records into `site`/pagefind/. With `reuse`, the main index of the last run is kept
 * when the papers added, changed or removed since fit in the recent index.
 */
export async function indexSite(site: string, records: readonly SearchRecord[], options: { reuse?: boolean; share?: number; partMB?: number; language?: string; state: string }): Promise<IndexResult> {
  const share = options.share ?? DEFAULT_RECENT_SHARE;
  const output = join(site, 'pagefind');
  const version = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'node_modules', 'pagefind', 'package.json'), 'utf8')) as { version: string }).version;
  const partMB = options.partMB ?? DEFAULT_PART_MB;
  // Another part size lays the index out otherwise: nothing is reused.
  const language = options.language ?? 'en';
  const key = `${version}\n${JSON.stringify(indexConfig(language))}\n${partMB}`;
  const digests = new Map(records.map((record) => [record.url, sha256(JSON.stringify(record)).slice(0, 16)]));
  const previous = options.reuse ? readJson<IndexState>(options.state) : undefined;
  const usable = previous?.format === FORMAT && previous.key === key && existsSync(join(output, 'pagefind-entry.json')) && existsSync(join(output, MANIFEST));

  let state: IndexState;
  let manifest: IndexManifest;
  let result: IndexResult;
  const changed = usable ? records.filter((record) => previous.main[record.url]?.[0] !== digests.get(record.url)) : [];
  const replaced = usable ? Object.entries(previous.main).filter(([url, [digest]]) => digests.get(url) !== digest).map(([, [, id]]) => id) : [];
  // Entries the main index holds but a search must not show: papers changed (their new record is recent) and removed.
  const pending = usable ? new Set([...changed.map((record) => record.url), ...Object.keys(previous.main).filter((url) => digests.get(url) !== previous.main[url][0])]).size : 0;
  if (usable && pending <= share * records.length) {
    state = { format: FORMAT, key, main: previous.main, recent: Object.fromEntries(changed.map((record) => [record.url, digests.get(record.url)!])) };
    const sameRecent = JSON.stringify(state.recent) === JSON.stringify(previous.recent) && previous.recentIds !== undefined;
    let files = { written: 0, deleted: 0 };
    if (changed.length === 0) {
      rmSync(join(output, RECENT), { recursive: true, force: true });
    } else if (!sameRecent || !existsSync(join(output, RECENT, 'pagefind-entry.json'))) {
      const bundle = await buildBundle(changed, undefined, language);
      state.recentIds = Object.fromEntries(pageIds(bundle));
      files = syncFolder(join(output, RECENT), new Map([...bundle].filter(([file]) => INDEX_FILE.test(file))), () => false);
    } else {
      state.recentIds = previous.recentIds;
    }
    manifest = { format: FORMAT, pages: records.length, parts: readJson<IndexManifest>(join(output, MANIFEST))?.parts ?? [], recent: changed.length > 0 ? RECENT : null, superseded: replaced.sort() };
    result = { pages: records.length, mode: changed.length === 0 && replaced.length === 0 ? 'kept' : 'recent', parts: manifest.parts.length + 1, recent: changed.length, superseded: replaced.length, ...files };
  } else {
    // The main index, part after part: each part is indexed, written and let go before the next.
    const parts = splitParts(records, (record) => Buffer.byteLength(record.content), partMB * 1e6);
    rmSync(join(output, RECENT), { recursive: true, force: true });
    const main: IndexState['main'] = {};
    const files = { written: 0, deleted: 0 };
    const folders = parts.map((_, part) => (part === 0 ? '' : `part-${part}/`));
    for (const [part, chunk] of parts.entries()) {
      const bundle = await buildBundle(chunk, parts.length > 1 ? `indexing part ${part + 1} of ${parts.length}` : undefined, language);
      const ids = pageIds(bundle);
      for (const record of chunk) main[record.url] = [digests.get(record.url)!, ids.get(record.url) ?? ''];
      const wanted = new Map([...bundle].filter(([file]) => (part === 0 ? !PREBUILT_UI.test(file) : INDEX_FILE.test(file))));
      const synced = part === 0
        ? syncFolder(output, wanted, (file) => file === MANIFEST || (PART_DIR.test(file) && folders.includes(/^part-\d+\//.exec(file)![0])))
        : syncFolder(join(output, folders[part]), wanted, () => false);
      files.written += synced.written;
      files.deleted += synced.deleted;
    }
    // Parts of a larger index than this one.
    for (const name of existsSync(output) ? readdirSync(output) : []) {
      if (/^part-\d+$/.test(name) && !folders.includes(`${name}/`)) {
        files.deleted += listFiles(join(output, name)).length;
        rmSync(join(output, name), { recursive: true, force: true });
      }
    }
    state = { format: FORMAT, key, main, recent: {} };
    manifest = { format: FORMAT, pages: records.length, parts: folders.slice(1), recent: null, superseded: [] };
    result = { pages: records.length, mode: 'full', parts: parts.length, recent: 0, superseded: 0, ...files };
  }
  writeFileSync(join(output, MANIFEST), `${JSON.stringify(manifest)}\n`);
  writeIfChanged(join(output, MAP_IDS_FILE), mapIds(site, records, state));
  mkdirSync(dirname(options.state), { recursive: true });
  writeFileSync(options.state, JSON.stringify(state));
  return result;
}

/**
 * `pagefind/atlas-map-ids.json`: the point on the map (src/lib/map-format.ts) of each search
 * result id, main and recent, so that the map highlights a search's results without fetching a
 * fragment per result. The points' order is the map's titles files' (dist/map/titles/).
 */
function mapIds(site: string, records: readonly SearchRecord[], state: IndexState): string {
  const pointOf = new Map<string, number>();
  const titles = join(site, 'map', 'titles');
  const chunks = existsSync(titles) ? readdirSync(titles).filter((name) => /^\d+\.json$/.test(name)) : [];
  for (const name of chunks) {
    const first = Number(name.slice(0, -'.json'.length)) * TITLE_CHUNK;
    (JSON.parse(readFileSync(join(titles, name), 'utf8')) as [string, string][]).forEach(([slug], offset) => pointOf.set(slug, first + offset));
  }
  const ids: [string, number][] = [];
  for (const record of records) {
    const slug = /\/papers\/([^/]+)\/$/.exec(record.url)?.[1];
    const point = slug === undefined ? undefined : pointOf.get(decodeURIComponent(slug));
    if (point === undefined) continue;
    const id = state.recentIds?.[record.url] ?? (state.recent[record.url] === undefined ? state.main[record.url]?.[1] : undefined);
    if (id) ids.push([id, point]);
  }
  ids.sort((a, b) => a[1] - b[1]);
  return `${JSON.stringify(Object.fromEntries(ids))}\n`;
}

/**
 * Records in consecutive parts of near-equal size, as few as hold at most `most` each (a part
 * goes past it by less than one record).
 */
export function splitParts<T>(records: readonly T[], size: (record: T) => number, most: number): T[][] {
  const sizes = records.map(size);
  const total = sizes.reduce((sum, bytes) => sum + bytes, 0);
  const count = Math.max(1, Math.ceil(total / most));
  const parts: T[][] = [[]];
  let before = 0;
  records.forEach((record, position) => {
    // A part ends where the records before reach its share of the whole.
    if (parts[parts.length - 1].length > 0 && before >= (total * parts.length) / count) parts.push([]);
    parts[parts.length - 1].push(record);
    before += sizes[position];
  });
  return parts;
}

async function run(): Promise<number> {
  const { values } = parseArgs({
    options: {
      site: { type: 'string', default: 'dist' },
      records: { type: 'string', default: RECORDS_FILE },
      reuse: { type: 'boolean', default: false },
      state: { type: 'string', default: '.cache/atlas/search-index.json' },
    },
  });
  const site = resolve(values.site);
  const started = performance.now();
  const records = readRecords(resolve(values.records)); // 1. what the site build wrote
  if (records.length === 0) {
    console.error(`${values.records}: no paper to index. Add dumps to seeds/ and build again (\`npm run build\`).`);
    return 1;
  }
  const { config, notices } = readAtlasConfig(); // the settings: atlas({ search, language }) in astro.config.mjs
  for (const notice of notices) console.warn(notice);
  const result = await indexSite(site, records, { reuse: values.reuse, share: config.search.recentShare, partMB: config.search.partMB, language: config.language, state: resolve(values.state) }); // 2. index them
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const how = {
    full: result.parts > 1 ? `one index in ${result.parts} parts` : 'one index',
    recent: `the main index kept, ${result.recent} added or changed in the recent index, ${result.superseded} older entries left out`,
    kept: 'unchanged since the last build, kept',
  }[result.mode];
  const line = `Search index: ${result.pages} papers (${how}) in ${seconds} s, ${result.written} files written and ${result.deleted} deleted in ${join(values.site, 'pagefind')}/`;
  console.log(line); // 3. report
  reportSummary(line.replace(/^Search index: /, ''));
  reportFacts({ papers: result.pages, mode: result.mode, parts: result.parts, ...(result.mode === 'recent' ? { recent: result.recent, leftOut: result.superseded } : {}), written: result.written, deleted: result.deleted });
  return 0;
}

if (import.meta.main) {
  run().then(
    (code) => { process.exitCode = code; },
    (error: Error) => { console.error(error.message); process.exitCode = 1; },
  );
}
