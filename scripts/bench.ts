/**
 * Benchmark the whole build on N synthetic papers: ingest, content sync, bundling, page
 * render, Pagefind and the offline worker, each timed, with peak memory, output size and file
 * count, for a cold build (no caches), a warm rebuild (nothing changed) and an incremental one
 * (one dump changed), and the same change in a copy of the built project in another folder
 * (its caches must not hold the old path, and it must be no slower). Runs in a temporary copy of the project; the
 * working tree is untouched.
 * Usage: npm run bench -- --papers 10000 [--json] [--keep]
 *        npm run bench -- --seeds          (the project's own seeds/ instead of synthetic papers)
 *        npm run bench -- --sizes seeds,1000,10000,100000 --peer
 *          (each size in turn, then one table of every size against the one peer of the run)
 *        npm run bench -- --papers 10000 --peer
 *          (also: a day's listing of 50 new papers added, and the same first 2,000 papers built as a
 *          stock Astro MDX collection with Pagefind's CLI, in the same run; prints the ratios)
 *        npm run bench -- --topics DIR [LABELS.tsv]
 *          (topics discovered from the dumps in DIR against each paper's true field, beside a
 *          TF-IDF + k-means++ baseline: scripts/bench/topics-bench.ts)
 *        npm run bench -- --topics-cost 10000 [DIR]
 *        npm run bench -- --abstracts-store [100000]
 *          (what topics add to the ingest, cold and for a day's papers, beside the term index and
 *          related papers it computes anyway, on synthetic papers and on DIR's dumps repeated)
 *        npm run bench -- --map [N] [DIR…]
 *          (the map's layout at N synthetic papers and on each folder's dumps, cold and for a day's
 *          papers, and how well it keeps neighbours against a random layout: scripts/bench/map-bench.ts)
 *        npm run bench -- --papers 10000 --map-view
 *          (also: the first visit to /map/ with 4× CPU slow-down, time to the first points and bytes
 *          fetched before them: scripts/bench/map-view-bench.ts)
 *        npm run bench -- --search [--papers 10000]
 *          (a reader's first search, next to one plain Pagefind index over the same pages, before
 *          and after a day's listing of 50 new papers; and the search step of that day's build)
 */
import { benchAbstractsStore } from './bench/abstracts-store-bench.ts';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { changeOneDump, writeDayDump, writeSyntheticSeeds } from './bench/synthetic-seeds.ts';
import { buildPlainIndex, removePlainIndex, formatSearchTable, measureSearch, type QueryMeasure } from './bench/search-bench.ts';
import { measurePeer, PEER_PAPERS, type PeerMeasure } from './bench/peer.ts';
import { runStep } from './bench/run-stage.ts';
import { benchTopicCost, benchTopics } from './bench/topics-bench.ts';
import { benchMap } from './bench/map-bench.ts';
import { formatMapView, measureMapView } from './bench/map-view-bench.ts';
import { readTopics } from './ingest/read-topics.ts';
import { copyProject, ROOT } from './project-copy.ts';
import { run as startAtlas } from './new.ts';
import { listFiles } from './build/list-files.ts';
import { REPORT } from './build.ts';

/** The stages of one build, in order. */
const STAGES = ['ingest', 'content sync', 'bundle', 'page render', 'pagefind', 'offline worker'] as const;
type Stage = (typeof STAGES)[number];

/** One build, measured. */
export interface BuildMeasure {
  seconds: Record<Stage, number>;
  /** Wall time of the whole `npm run build`, including the check whether anything changed. */
  totalSeconds: number;
  /** True when the build found nothing changed and did nothing. */
  upToDate: boolean;
  /** Peak resident memory of each step's processes (the build's own sampling, every 250 ms). */
  stepPeakMB: Record<string, number>;
  /** Peak resident memory of the build's processes together (sampled every 50 ms). */
  peakMB: number;
  outputMB: number;
  files: number;
  /** Files outside authors/: what a paper costs a host that caps files, with the site's own. */
  filesOutsideAuthors: number;
  papers: number;
  /** What the offline worker precaches, as its step reported it. */
  offline?: string;
  /** What the search step did, as it reported it. */
  searchIndex?: string;
  /** Lines the build printed. */
  lines: number;
}

/** Run `npm run build` (scripts/build.ts) in `dir` and measure it; the stage times are the ones its report records (.cache/atlas/build-report.json). */
async function measureBuild(dir: string): Promise<BuildMeasure> {
  const env = { ASTRO_TELEMETRY_DISABLED: '1', ATLAS_QUIET_SITE: '1' };
  const reportFile = join(dir, REPORT.replace(/\.txt$/, '.json'));
  rmSync(reportFile, { force: true });
  const build = await runStep(process.execPath, ['scripts/build.ts'], { cwd: dir, env });
  const upToDate = /Nothing changed since the last build/.test(build.output);
  const report = upToDate ? { stages: {}, steps: [] } : (JSON.parse(readFileSync(reportFile, 'utf8')) as { stages: Partial<Record<Stage, number>>; steps: { name: string; peakMB?: number }[] });
  const stages = report.stages;
  const seconds = Object.fromEntries(STAGES.map((stage) => [stage, stages[stage] ?? 0])) as Record<Stage, number>;
  const files = listFiles(join(dir, 'dist'));
  const bytes = files.reduce((sum, file) => sum + statSync(join(dir, 'dist', file)).size, 0);
  return {
    seconds,
    totalSeconds: build.seconds,
    upToDate,
    stepPeakMB: Object.fromEntries(report.steps.map((step) => [step.name, step.peakMB ?? 0])),
    peakMB: build.peakBytes / 1024 / 1024,
    outputMB: bytes / 1024 / 1024,
    files: files.length,
    filesOutsideAuthors: files.filter((file) => !file.startsWith('authors/')).length,
    papers: readdirSync(join(dir, 'content', 'papers')).filter((name) => name.endsWith('.mdx')).length,
    offline: /^✓ offline worker in [\d.]+ s: (.*)$/m.exec(build.output)?.[1],
    searchIndex: /^✓ search index in [\d.]+ s: (.*)$/m.exec(build.output)?.[1],
    lines: build.output.split('\n').filter((line) => line.trim() !== '').length,
  };
}

/** `--peer`: our builds against the stock Astro MDX collection of the same papers, as the ratios the targets name. */
export function formatPeer(ours: { cold: BuildMeasure; warm: BuildMeasure; day: BuildMeasure; dayPapers: number }, peer: PeerMeasure): string[] {
  const rate = (papers: number, seconds: number) => papers / seconds;
  const ourRate = rate(ours.cold.papers, ours.cold.totalSeconds);
  const peerRate = rate(peer.papers, peer.totalSeconds);
  return [
    `Peer: ${peer.papers} of the same papers as a stock Astro MDX collection (remark-math, rehype-katex, a page each, Pagefind CLI): ${peer.totalSeconds.toFixed(1)} s (astro build ${peer.astroSeconds.toFixed(1)} s, pagefind ${peer.pagefindSeconds.toFixed(1)} s), peak ${peer.peakMB.toFixed(0)} MB, ${peerRate.toFixed(0)} papers/s`,
    `  our cold build, ${ours.cold.papers} papers: ${ours.cold.totalSeconds.toFixed(1)} s = ${(ours.cold.totalSeconds / peer.totalSeconds).toFixed(2)}× the peer's ${peer.papers}; ${ourRate.toFixed(0)} papers/s = ${(ourRate / peerRate).toFixed(2)}× its throughput`,
    `  a day's ${ours.dayPapers} papers added: ${ours.day.totalSeconds.toFixed(1)} s = ${(ours.day.totalSeconds / ours.cold.totalSeconds).toFixed(2)}× our cold build; warm: ${ours.warm.totalSeconds.toFixed(1)} s`,
    `  peak memory, cold: ${ours.cold.peakMB.toFixed(0)} MB (the peer's: ${peer.peakMB.toFixed(0)} MB); a day added: ${ours.day.peakMB.toFixed(0)} MB`,
    `  build log, cold: ${ours.cold.lines} lines; a day added: ${ours.day.lines} lines`,
  ];
}

const BUILDS = ['cold', 'warm', 'one dump changed', 'moved + changed', 'a day added'] as const;
type Build = (typeof BUILDS)[number];
/** Above this many papers the moved copy is skipped: copying the built project takes minutes and gigabytes. */
const MOVED_UP_TO = 20_000;

/** The table the bench prints: a column per build that ran. */
export function formatTable(title: string, results: Partial<Record<Build, BuildMeasure>>): string[] {
  const ran = BUILDS.filter((build) => results[build] !== undefined);
  const cell = (text: string) => text.padStart(18);
  const row = (label: string, value: (measure: BuildMeasure) => string) => `${label.padEnd(16)}${ran.map((build) => cell(value(results[build]!))).join('')}`;
  return [
    title,
    `${''.padEnd(16)}${ran.map(cell).join('')}`,
    ...STAGES.map((stage) => row(stage, (measure) => (measure.upToDate ? 'skipped' : `${measure.seconds[stage].toFixed(1)} s`))),
    row('total', (measure) => `${measure.totalSeconds.toFixed(1)} s`),
    row('peak memory', (measure) => `${measure.peakMB.toFixed(0)} MB`),
    ...['ingest', 'site', 'search index'].map((step) => row(`  peak, ${step.split(' ')[0]}`, (measure) => (measure.upToDate ? '' : `${measure.stepPeakMB[step] ?? 0} MB`))),
    row('output', (measure) => `${measure.outputMB.toFixed(1)} MB`),
    row('files', (measure) => String(measure.files)),
    row('  per paper¹', (measure) => (measure.papers > 0 ? (measure.filesOutsideAuthors / measure.papers).toFixed(2) : '')),
    row('papers', (measure) => String(measure.papers)),
    '¹ files outside authors/ per paper',
  ];
}

/** What `--search` measures: the first searches before and after a day's dump, and that day's build. */
export interface SearchBench {
  papers: number;
  cold: BuildMeasure;
  /** Seconds Pagefind's CLI took to build the reference index over the same pages. */
  plainIndexSeconds: number;
  before: { ours: QueryMeasure[]; plain: QueryMeasure[] };
  day: { papers: number; build: BuildMeasure };
  after: { ours: QueryMeasure[]; plain: QueryMeasure[] };
}

/** `--search`: build the bench site, measure first searches, add a day's dump, build again, measure again. */
async function benchSearch(dir: string, existing: number, day: number, log: (line: string) => void, json: boolean): Promise<number> {
  if (!(Number.isInteger(day) && day > 0)) {
    console.error(`--day wants a positive whole number of papers, got "${day}". Example: npm run bench -- --search --day 50`);
    return 1;
  }
  log('Building (cold)…');
  const cold = await measureBuild(dir);
  log(`  ${cold.totalSeconds.toFixed(1)} s; building the reference: Pagefind's CLI over the same pages…`);
  const plainIndexSeconds = buildPlainIndex(join(dir, 'dist'));
  log(`  ${plainIndexSeconds.toFixed(1)} s; first searches in Chromium…`);
  const before = await measureSearch(join(dir, 'dist'));
  removePlainIndex(join(dir, 'dist')); // dist/ as the build left it, so the next build keeps it
  const name = writeDayDump(join(dir, 'seeds'), existing, day, join(ROOT, 'seeds'));
  log(`Added ${name}: ${day} new papers; building…`);
  const build = await measureBuild(dir);
  buildPlainIndex(join(dir, 'dist'));
  const after = await measureSearch(join(dir, 'dist'));
  const result: SearchBench = { papers: cold.papers, cold, plainIndexSeconds, before, day: { papers: day, build }, after };
  if (json) {
    console.log(JSON.stringify(result, null, 2));
    return 0;
  }
  for (const line of formatSearchTable(`First search, ${cold.papers} papers, Node ${process.version}, ${cpus().length} CPUs`, before)) log(line);
  log(`search index, cold: ${cold.seconds.pagefind.toFixed(1)} s (Pagefind's CLI over the same pages: ${plainIndexSeconds.toFixed(1)} s, ${(cold.seconds.pagefind / plainIndexSeconds).toFixed(2)}×)`);
  if (cold.offline) log(`offline: ${cold.offline}`);
  log(`a day's ${day} papers added: search step ${build.seconds.pagefind.toFixed(1)} s of a ${build.totalSeconds.toFixed(1)} s build (${(build.seconds.pagefind / cold.seconds.pagefind).toFixed(2)}× the cold search step); ${build.searchIndex ?? ''}`);
  for (const line of formatSearchTable(`First search after the day's papers, ${build.papers} papers`, after)) log(line);
  return 0;
}

/** One size of `npm run bench`: its builds, and the peer when it was measured on this size's papers. */
interface SizeResult {
  size: 'seeds' | number;
  results: Partial<Record<Build, BuildMeasure>>;
  peer?: PeerMeasure;
}

/** What one size's bench is asked to do. */
interface SizeOptions {
  day: number;
  /** Build the peer from this size's papers (the first `peerPapers` of them). */
  peer: boolean;
  peerPapers: number;
  keep: boolean;
  /** Also open /map/ of the cold build in Chromium (scripts/bench/map-view-bench.ts). */
  mapView?: boolean;
  log: (line: string) => void;
}

/**
 * A copy of the project for one size's bench, as a new atlas: the taxonomy kept, nothing the
 * ingest writes, and in seeds/ either the project's own dumps or `size` synthetic papers.
 */
function benchProject(size: 'seeds' | number, log: (line: string) => void): { project: ReturnType<typeof copyProject>; seeds: string; dumps: string[] } {
  const project = copyProject({ withSeeds: size === 'seeds', prefix: 'atlas-bench-' });
  try {
    if (size === 'seeds') {
      for (const written of ['papers', 'listings.json', 'permalinks.json']) rmSync(join(project.dir, 'content', written), { recursive: true, force: true });
    } else if (startAtlas(['--title', `Bench: ${size} papers`, '--yes'], project.dir, () => {}) !== 0) {
      // An atlas as a user starts one (npm run new): no example registry, pinned topics or per-paper .bib files.
      throw new Error('npm run new failed in the bench project');
    }
    const seeds = join(project.dir, 'seeds');
    const dumps = size === 'seeds' ? readdirSync(seeds).filter((name) => name.endsWith('.txt')).sort() : writeSyntheticSeeds(seeds, size, join(ROOT, 'seeds'));
    log(`${size === 'seeds' ? 'Seeds' : `Wrote ${size} synthetic papers`}: ${dumps.length} dumps in ${seeds}`);
    return { project, seeds, dumps };
  } catch (error) {
    project.cleanup();
    throw error;
  }
}

/** Bench one size in a copy of the project of its own: cold, warm, one dump changed (in place and moved), a day added; then the peer, if asked. */
async function benchSize(size: 'seeds' | number, options: SizeOptions): Promise<SizeResult> {
  const { log } = options;
  const seedsOnly = size === 'seeds';
  const { project, seeds, dumps } = benchProject(size, log);
  try {
    const results: Partial<Record<Build, BuildMeasure>> = {};
    // The same change is made to a copy of the project in another folder (`cp -a`: timestamps
    // kept, as a move keeps them), so that the two incremental builds differ only in where they run.
    const moved = `${project.dir}-moved`;
    const changed = dumps.find((name) => !name.startsWith('000_')) ?? dumps[0];
    const builds = BUILDS.filter((build) => build !== 'moved + changed' || seedsOnly || size <= MOVED_UP_TO);
    if (builds.length < BUILDS.length) log(`(the moved copy is skipped above ${MOVED_UP_TO} papers: copying the built project would take minutes)`);
    try {
      for (const build of builds) {
        if (build === 'one dump changed') {
          if (builds.includes('moved + changed')) execFileSync('cp', ['-a', project.dir, moved]); // timestamps to the nanosecond, as a move keeps them
          log(`Changed ${changeOneDump(seeds, changed)}: one abstract corrected, one paper added`);
        }
        if (build === 'moved + changed') {
          changeOneDump(join(moved, 'seeds'), changed);
          log(`Made the same change in the copy at ${moved}, built before it was copied`);
        }
        if (build === 'a day added') {
          // Numbered after the synthetic papers, so their titles are new (the seeds have none of them).
          log(`Added ${writeDayDump(seeds, seedsOnly ? 0 : size, options.day, join(ROOT, 'seeds'))}: a day's ${options.day} new papers`);
        }
        log(`Building (${build})…`);
        results[build] = await measureBuild(build === 'moved + changed' ? moved : project.dir);
        log(`  ${results[build]!.totalSeconds.toFixed(1)} s`);
      }
    } finally {
      rmSync(moved, { recursive: true, force: true });
    }
    if (options.mapView) log(formatMapView(await measureMapView(join(project.dir, 'dist'))));
    let peer: PeerMeasure | undefined;
    if (options.peer) {
      log(`Building the peer: the first ${options.peerPapers} papers as a stock Astro MDX collection…`);
      peer = await measurePeer(join(project.dir, 'content', 'papers'), options.peerPapers);
      log(`  ${peer.totalSeconds.toFixed(1)} s`);
    }
    if (options.keep) console.error(`Kept ${project.dir}`);
    return { size, results, peer };
  } finally {
    if (!options.keep) project.cleanup();
  }
}

/** What one size's bench prints: its table, then what a day and a move cost against its cold build. */
function formatSize({ size, results }: SizeResult, day: number): string[] {
  const title = `Abstract Atlas bench: ${size === 'seeds' ? 'the seeds' : `${size} synthetic papers`}, Node ${process.version}, ${cpus().length} CPUs`;
  const [cold, warm, dayBuild] = [results.cold!, results.warm!, results['a day added']!];
  const lines = formatTable(title, results);
  if (cold.offline) lines.push(`offline (cold): ${cold.offline}`);
  const [inPlace, elsewhere] = [results['one dump changed'], results['moved + changed']];
  if (inPlace && elsewhere) lines.push(`the same change, moved folder / in place: ${(elsewhere.totalSeconds / inPlace.totalSeconds).toFixed(2)}× (${elsewhere.totalSeconds.toFixed(1)} s / ${inPlace.totalSeconds.toFixed(1)} s)`);
  lines.push(`a day's ${day} papers added: ${dayBuild.totalSeconds.toFixed(1)} s = ${(dayBuild.totalSeconds / cold.totalSeconds).toFixed(2)}× the cold build; warm: ${warm.totalSeconds.toFixed(1)} s; build log: ${cold.lines} lines cold, ${dayBuild.lines} with a day added`);
  return lines;
}

/** `--sizes`: every size side by side, each against the one peer measured in the same run. */
export function formatSummary(sizes: readonly SizeResult[], peer: PeerMeasure | undefined, day: number): string[] {
  const row = (cells: string[]) => cells.map((cell, index) => (index === 0 ? cell.padEnd(10) : cell.padStart(14))).join('');
  const lines = [`Summary (${day} papers a day${peer ? `; peer: ${peer.papers} papers in ${peer.totalSeconds.toFixed(1)} s, peak ${peer.peakMB.toFixed(0)} MB` : ''})`];
  lines.push(row(['papers', 'cold', 'warm', 'a day added', 'day / cold', 'peak cold', 'peak day', 'lines', ...(peer ? ['cold / peer', 'throughput'] : [])]));
  for (const { results } of sizes) {
    const [cold, warm, dayBuild] = [results.cold!, results.warm!, results['a day added']!];
    const throughput = peer ? cold.papers / cold.totalSeconds / (peer.papers / peer.totalSeconds) : 0;
    lines.push(row([
      cold.papers.toLocaleString('en-US'),
      `${cold.totalSeconds.toFixed(1)} s`,
      `${warm.totalSeconds.toFixed(1)} s`,
      `${dayBuild.totalSeconds.toFixed(1)} s`,
      `${(dayBuild.totalSeconds / cold.totalSeconds).toFixed(2)}×`,
      `${cold.peakMB.toFixed(0)} MB`,
      `${dayBuild.peakMB.toFixed(0)} MB`,
      `${cold.lines} / ${dayBuild.lines}`,
      ...(peer ? [`${(cold.totalSeconds / peer.totalSeconds).toFixed(2)}×`, `${throughput.toFixed(2)}×`] : []),
    ]));
  }
  return lines;
}

/** A size as `--sizes` or `--papers` name it: `seeds` or a positive whole number of papers. */
function parseSize(text: string): 'seeds' | number | undefined {
  if (text === 'seeds') return 'seeds';
  const count = Number(text);
  return Number.isInteger(count) && count > 0 ? count : undefined;
}

async function run(): Promise<number> {
  // `--abstracts-store [N]`: the rendered-abstracts store against node:sqlite at N abstracts (scripts/bench/abstracts-store-bench.ts).
  const storeAt = process.argv.indexOf('--abstracts-store');
  if (storeAt >= 0) {
    const count = Number(process.argv[storeAt + 1] ?? '100000');
    for (const line of benchAbstractsStore(Number.isInteger(count) && count > 0 ? count : 100000)) console.log(line);
    return 0;
  }
  // `--topics-cost N [DIR]`: what topics add to the ingest at N papers, beside what it does without them (scripts/bench/topics-bench.ts).
  const costAt = process.argv.indexOf('--topics-cost');
  if (costAt >= 0) {
    const [countText, dir] = process.argv.slice(costAt + 1).filter((arg) => !arg.startsWith('--'));
    const count = parseSize(countText ?? '');
    if (typeof count !== 'number') {
      console.error('--topics-cost wants a number of papers, and optionally a folder of dumps to repeat to it. Example: npm run bench -- --topics-cost 10000 ../shared/corpora/many-fields');
      return 1;
    }
    for (const line of benchTopicCost(count, dir, 50, readTopics(join(process.cwd(), 'content', 'topics.yaml'), process.cwd()).topics)) console.log(line);
    return 0;
  }
  // `--map [N] [DIR…]`: the map's layout time, cold and for a day, and how well it keeps neighbours, at N synthetic papers and on each folder of dumps (scripts/bench/map-bench.ts).
  const mapAt = process.argv.indexOf('--map');
  if (mapAt >= 0) {
    const rest = process.argv.slice(mapAt + 1).filter((arg) => !arg.startsWith('--'));
    const count = rest.length > 0 && /^\d+$/.test(rest[0]) ? parseSize(rest.shift()!) : undefined;
    const dirs = rest.length > 0 || count !== undefined ? rest : ['../shared/corpora/many-fields', 'seeds'].filter((dir) => existsSync(dir));
    if (count === undefined && dirs.length === 0) {
      console.error('--map wants a number of papers and/or folders of dumps. Example: npm run bench -- --map 10000 ../shared/corpora/many-fields seeds');
      return 1;
    }
    for (const line of benchMap(typeof count === 'number' ? count : undefined, dirs)) console.log(line);
    return 0;
  }
  // `--topics DIR [LABELS.tsv]`: how well topic discovery finds the fields of a folder of dumps (scripts/bench/topics-bench.ts).
  const topicsAt = process.argv.indexOf('--topics');
  if (topicsAt >= 0) {
    const [dir, labels] = process.argv.slice(topicsAt + 1).filter((arg) => !arg.startsWith('--'));
    if (!dir) {
      console.error('--topics wants a folder of dumps, and optionally its labels. Example: npm run bench -- --topics ../shared/corpora/many-fields ../shared/corpora/many-fields/labels.tsv');
      return 1;
    }
    for (const line of benchTopics(dir, labels)) console.log(line);
    return 0;
  }
  const { values } = parseArgs({ options: { papers: { type: 'string' }, sizes: { type: 'string' }, seeds: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, search: { type: 'boolean', default: false }, peer: { type: 'boolean', default: false }, 'peer-papers': { type: 'string', default: String(PEER_PAPERS) }, day: { type: 'string', default: '50' }, keep: { type: 'boolean', default: false }, 'map-view': { type: 'boolean', default: false } } });
  const sizes = (values.sizes ?? (values.seeds ? 'seeds' : (values.papers ?? '1000'))).split(',').map((text) => text.trim());
  const parsed = sizes.map(parseSize);
  const bad = sizes.find((_, index) => parsed[index] === undefined);
  if (bad !== undefined) {
    console.error(`${values.sizes === undefined ? '--papers' : '--sizes'} wants a positive whole number of papers${values.sizes === undefined ? '' : ' or `seeds`, separated by commas'}, got "${bad}". Example: npm run bench -- ${values.sizes === undefined ? '--papers 10000' : '--sizes seeds,1000,10000,100000 --peer'}`);
    return 1;
  }
  const peerPapers = Number(values['peer-papers']);
  if (values.peer && !(Number.isInteger(peerPapers) && peerPapers > 0)) {
    console.error(`--peer-papers wants a positive whole number, got "${values['peer-papers']}". Example: npm run bench -- --papers 10000 --peer --peer-papers 2000`);
    return 1;
  }
  const day = Number(values.day);
  const log = (line: string) => { if (!values.json) console.log(line); };
  if (values.search) {
    const size = parsed[0]!;
    const { project } = benchProject(size, log);
    try {
      // The day's papers are numbered after the synthetic ones, so their titles are new (the seeds have none of them).
      return await benchSearch(project.dir, size === 'seeds' ? 0 : size, day, log, values.json);
    } finally {
      if (!values.keep) project.cleanup();
    }
  }
  // The peer is built once, from the papers of the first size that has enough of them (else the largest).
  const countOf = (size: 'seeds' | number) => (size === 'seeds' ? 0 : size);
  const peerSize = values.peer ? (parsed.find((size) => countOf(size!) >= peerPapers) ?? parsed.reduce((a, b) => (countOf(b!) > countOf(a!) ? b : a))) : undefined;
  const results: SizeResult[] = [];
  for (const size of parsed as ('seeds' | number)[]) {
    if (sizes.length > 1) log(`\n== ${size === 'seeds' ? 'the seeds' : `${size} papers`}`);
    results.push(await benchSize(size, { day, peer: size === peerSize && !results.some((result) => result.peer), peerPapers, keep: values.keep, mapView: values['map-view'], log }));
  }
  const peer = results.find((result) => result.peer)?.peer;
  if (values.json) {
    const json = (result: SizeResult) => ({ papers: result.size, cpus: cpus().length, node: process.version, results: result.results, dayPapers: day, ...(peer ? { peer } : {}) });
    console.log(JSON.stringify(results.length === 1 ? json(results[0]) : { sizes: results.map(json), ...(peer ? { peer } : {}) }, null, 2));
    return 0;
  }
  for (const result of results) {
    console.log('');
    for (const line of formatSize(result, day)) console.log(line);
    if (peer && results.length === 1) {
      const { cold, warm } = result.results as Record<Build, BuildMeasure>;
      for (const line of formatPeer({ cold, warm, day: result.results['a day added']!, dayPapers: day }, peer)) console.log(line);
    }
  }
  if (results.length > 1) {
    console.log('');
    for (const line of formatSummary(results, peer, day)) console.log(line);
  }
  return 0;
}

if (import.meta.main) {
  run().then(
    (code) => { process.exitCode = code; },
    (error: Error) => { console.error(error.message); process.exitCode = 1; },
  );
}
