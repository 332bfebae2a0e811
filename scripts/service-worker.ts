/**
 * Write `dist/sw.js`, the service worker that keeps the site readable and searchable offline.
 *
 * Policy: one cache per build (named by the build id in `dist/build.json`), filled at install
 * in tiers while the total stays under the budget (`offline.budgetMB` in atlas({ … }), default 40 MB):
 *   1. the shell: home, search, topics and 404 pages, CSS, JS, KaTeX fonts (woff2), the
 *      Pagefind runtime, the index manifest and each index's metadata — always;
 *   2. the whole search index (index, filter and fragment files);
 *   3. every other page (papers, topics, listings).
 * What does not fit is cached when first used; a page is kept only if the server's `build.json`,
 * asked after the page arrived, still names this build. A new build installs a new cache in
 * full and deletes the old one when it takes over:
 * never a mix of two builds.
 * Usage: node scripts/service-worker.ts [--site DIR]
 */
import { reportFacts, reportOutputDigest, reportSummary } from './build/build-events.ts';
import { statsDigest, type FileStat } from './build/dist-digest.ts';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { listFiles } from './build/list-files.ts';
import { readAtlasConfig } from '../src/lib/atlas-config.ts';

/** Default precache budget, in megabytes. */
export const DEFAULT_BUDGET_MB = 40;

/** The URL (relative to the site's base) a file is requested at. */
function urlOf(file: string): string {
  if (file === 'index.html') return './';
  if (file.endsWith('/index.html')) return file.slice(0, -'index.html'.length);
  return file;
}

/** Which tier a file of dist/ belongs to, or undefined when it is never precached. */
function tierOf(file: string): 1 | 2 | 3 | undefined {
  if (['index.html', 'search/index.html', 'topics/index.html', 'map/index.html', 'map/points.bin', '404.html', 'favicon.svg'].includes(file)) return 1;
  if (file.startsWith('map/')) return 2; // the map's titles and finding aids: with the search index
  if (file.startsWith('_astro/')) return /\.(woff|ttf)$/.test(file) ? undefined : 1; // every browser with service workers reads woff2
  if (file.startsWith('pagefind/')) {
    if (/^pagefind\/(pagefind\.js|pagefind-worker\.js|pagefind-highlight\.js|atlas-index\.json|atlas-map-ids\.json|wasm\.[^/]+\.pagefind)$/.test(file)) return 1;
    // The main index at pagefind/ and its parts at pagefind/part-N/, the recent one at pagefind/recent/ (scripts/index-search.ts).
    if (/^pagefind\/(recent\/|part-\d+\/)?(pagefind-entry\.json|[^/]+\.pf_meta)$/.test(file)) return 1;
    if (/^pagefind\/(recent\/|part-\d+\/)?(index|filter|fragment)\//.test(file)) return 2;
    return undefined;
  }
  if (file.endsWith('.html')) return 3;
  return undefined; // feeds, .bib, sitemap, papers.json: fetched from the network when online
}

/** What gets precached, and what it weighs. */
export interface Precache {
  build: string;
  urls: string[];
  bytes: number;
  /** Tiers that fit in full. */
  tiers: number[];
  /** Bytes of everything a reader could cache (all three tiers). */
  allBytes: number;
  /** Every file of the site as it was planned from. */
  stats: FileStat[];
}

/** The id of the build in `site`, from its `build.json`. */
export function readBuildId(site: string): string {
  const file = join(site, 'build.json');
  let build: unknown;
  try {
    build = (JSON.parse(readFileSync(file, 'utf8')) as { build?: unknown }).build;
  } catch (error) {
    throw new Error(`${file}: cannot read the build id (${(error as Error).message}). Build the site with \`astro build\` first.`);
  }
  if (typeof build !== 'string' || !/^[0-9a-f]+$/.test(build)) throw new Error(`${file}: no build id in it. Build the site with \`astro build\` first.`);
  return build;
}

/** Choose the precache list for a built site. */
export function planPrecache(site: string, budgetBytes: number): Precache {
  const build = readBuildId(site);
  const stats = listFiles(site).map((file): FileStat => {
    const { size, mtimeMs } = statSync(join(site, file));
    return { file, size, mtimeMs };
  });
  const sized = stats.map(({ file, size }) => ({ file, tier: tierOf(file), bytes: size }));
  const weight = (tier: number) => sized.filter((entry) => entry.tier === tier).reduce((sum, entry) => sum + entry.bytes, 0);
  const tiers: number[] = [1];
  let bytes = weight(1);
  for (const tier of [2, 3]) {
    if (bytes + weight(tier) > budgetBytes) break;
    tiers.push(tier);
    bytes += weight(tier);
  }
  const urls = sized.filter((entry) => entry.tier !== undefined && tiers.includes(entry.tier)).map((entry) => urlOf(entry.file));
  return { build, urls, bytes, tiers, allBytes: weight(1) + weight(2) + weight(3), stats };
}

/** The worker's source: a real file, type-checked (src/service-worker/sw.js). */
const WORKER_SOURCE = new URL('../src/service-worker/sw.js', import.meta.url);

/** The service worker for a build: its constants (src/service-worker/globals.d.ts), then its source as written. */
export function serviceWorkerSource(plan: Precache): string {
  return `// Abstract Atlas offline support, written by scripts/service-worker.ts from src/service-worker/sw.js. Build ${plan.build}.
const BUILD = ${JSON.stringify(plan.build)};
const PRECACHE = ${JSON.stringify(plan.urls)};
${readFileSync(WORKER_SOURCE, 'utf8').replace(/^\/\/ @ts-check\n/, '')}`;
}

function run(): number {
  const { values } = parseArgs({ options: { site: { type: 'string', default: 'dist' } } });
  const site = resolve(values.site);
  let budgetMb: number;
  try {
    const { config, notices } = readAtlasConfig(); // offline: { budgetMB } in atlas({ … })
    for (const notice of notices) console.warn(notice);
    budgetMb = config.offline.budgetMB;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  const plan = planPrecache(site, budgetMb * 1024 * 1024); // 1. choose what to precache
  writeFileSync(join(site, 'sw.js'), serviceWorkerSource(plan)); // 2. write the worker…
  const { size, mtimeMs } = statSync(join(site, 'sw.js'));
  const stats = [...plan.stats.filter((entry) => entry.file !== 'sw.js'), { file: 'sw.js', size, mtimeMs }].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  reportOutputDigest(statsDigest(stats)); // …and tell npm run build what dist/ now holds, which it would otherwise list again
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const saved = plan.tiers.includes(3) ? 'every page and the whole search index' : plan.tiers.includes(2) ? 'the shell and the whole search index; other pages as they are read' : 'the shell and the search runtime; the rest as it is used';
  const line = `Offline: ${plan.urls.length} files (${mb(plan.bytes)} MB of ${mb(plan.allBytes)} MB, budget ${budgetMb} MB) precached by dist/sw.js: ${saved}.`;
  console.log(line); // 3. report
  reportSummary(line.replace(/^Offline: /, ''));
  reportFacts({ files: plan.urls.length, bytes: plan.bytes, allBytes: plan.allBytes, budgetMB: budgetMb, tiers: plan.tiers });
  return 0;
}

if (import.meta.main) {
  try {
    process.exitCode = run();
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
