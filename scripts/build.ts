/**
 * `npm run build`: dumps → content → pages → search index → offline worker, in four steps,
 * each its own process (so one step's memory is freed before the next starts): the ingest,
 * `astro build`, and the two steps `astro build` alone runs from its last hook
 * (src/integrations/site-steps.ts), here after Astro's process has ended. What `npm run build`
 * adds to `astro build` is the ingest before it and the nothing-changed check.
 *
 * - Up to date: when nothing the build reads has changed since the last build (seeds, content,
 *   code, dependencies, ATLAS_* settings) and dist/ is as that build left it, nothing is done.
 *   The record of the last build is .cache/atlas/last-build.json; `--force` ignores it.
 * - Otherwise only what changed is done again: Astro renders the pages whose data or code
 *   changed (src/lib/cache-key.ts) and leaves the others in dist/, which it no longer empties
 *   (src/integrations/keep-dist.ts) — but only when dist/ is exactly as the last build left
 *   it. Else (first build, an interrupted one, dist/ edited by hand, `--force`) the old dist/
 *   is moved aside at once and deleted while the new one is built.
 *
 * What it prints: per step a line, a progress bar (or a progress line every 10 s when not on a
 * terminal), one status line and the step's messages grouped by rule; the full report is
 * .cache/atlas/build-report.txt. `--verbose` prints every line of every step as well.
 *
 * Usage: node scripts/build.ts [--force] [--verbose] [--retopic]
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ASTRO_LOG } from '../src/integrations/astro-internals.ts';
import { KEEP_DIST_ENV } from '../src/integrations/keep-dist.ts';
import { SITE_STEPS, SITE_STEPS_APART_ENV } from '../src/integrations/site-steps.ts';
import { listFiles } from './build/list-files.ts';
import { statsDigest, type FileStat } from './build/dist-digest.ts';
import { ALL_INPUTS, SETTINGS } from './build/inputs.ts';
import { BuildLog } from './build/build-log.ts';
import { treeRss } from './build/tree-rss.ts';
import type { BuildEvent, BuildFacts } from './build/build-events.ts';

const RECORD = join('.cache', 'atlas', 'last-build.json');
/** Everything the last build printed and every message, for reading after it (the `.json` beside it has the stage times). */
export const REPORT = join('.cache', 'atlas', 'build-report.txt');
/** The same report for programs: each step's summary, the stage times, every message. */
export const REPORT_JSON = REPORT.replace(/\.txt$/, '.json');
/**
 * Node's compile cache for the steps' processes (NODE_COMPILE_CACHE), unless one is set: Node 24
 * keeps there the code it compiled and the TypeScript it stripped, which is most of a step's
 * start (a digest process: 0.41 s without, 0.19 s with). It is Node's, keyed by absolute file
 * paths, so it lives with the installed packages, not with the atlas's own caches in .cache/
 * (which never name the project's folder: a moved project only compiles its code once more).
 */
const COMPILE_CACHE = join('node_modules', '.cache', 'atlas-node-compile');
/** The environment of the build's child processes. */
function childEnv(root: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { NODE_COMPILE_CACHE: join(root, COMPILE_CACHE), ...process.env, ...extra };
}
/** The bench's names for the steps timed whole. */
const STAGE_NAMES: Record<string, string> = { 'search index': 'pagefind' };

/**
 * The processes of a build: the ingest, `astro build`, then the steps `astro build` alone runs
 * from its last hook (src/integrations/site-steps.ts: the search index, the offline worker),
 * here each once Astro's process has ended, so that their memory and Astro's are not held at
 * once. `npm run build` is `astro build` with the ingest before it and the nothing-changed check.
 */
function processes(force: boolean, retopic: boolean): { name: string; args: (keep: boolean) => string[] }[] {
  return [
    // --retopic: the ingest clusters the collection's topics afresh (scripts/ingest/assign-topics.ts).
    { name: 'ingest', args: () => ['scripts/ingest.ts', ...(retopic ? ['--retopic'] : [])] },
    // Astro does not render pages unchanged since its last build (experimental.incrementalBuild); --force renders all.
    // --json: Astro's log as JSON lines, which scripts/build.ts follows (pages, phases, warnings) instead of printing them.
    { name: 'site', args: () => ['node_modules/astro/bin/astro.mjs', 'build', '--json', ...(force ? ['--force'] : [])] },
    // `keep`: dist/ was kept (known once the site step starts); the main search index then stays and only papers added or changed since are indexed.
    ...SITE_STEPS.map((step) => ({ name: step.name, args: (keep: boolean) => [step.script, ...step.args(keep)] })),
  ];
}
/**
 * A digest of every input file (its path, size and modification time) and of the settings.
 * Times, not bytes: at 10,000 papers reading every input took about a second, twice a build;
 * a file saved with the same bytes only costs a build that finds little to do.
 */
export function inputsDigest(root: string): string {
  const hash = createHash('sha256');
  for (const name of SETTINGS) hash.update(`${name}=${process.env[name] ?? ''}\n`);
  for (const entry of ALL_INPUTS) {
    const path = join(root, entry);
    if (!existsSync(path)) continue;
    const files = statSync(path).isDirectory() ? listFiles(path).map((file) => join(entry, file)) : [entry];
    for (const file of files) {
      const stat = statSync(join(root, file));
      hash.update(`${file.split('\\').join('/')}\t${stat.size}\t${stat.mtimeMs}\n`);
    }
  }
  return hash.digest('hex');
}

/** A digest of what dist/ holds now: each file's path, size and modification time. */
export async function outputDigest(root: string): Promise<string> {
  const dist = join(root, 'dist');
  if (!existsSync(dist)) return 'none';
  const files = listFiles(dist);
  // Stat'ed many at a time on the thread pool: at 10,000 papers dist/ has 31,000 files.
  const stats: FileStat[] = [];
  for (let start = 0; start < files.length; start += 512) {
    const batch = files.slice(start, start + 512);
    const done = await Promise.all(batch.map((file) => stat(join(dist, file))));
    done.forEach(({ size, mtimeMs }, index) => stats.push({ file: batch[index], size, mtimeMs }));
  }
  return statsDigest(stats);
}

/**
 * A digest computed in a process of its own (this script with `--digest`). Listing and stat'ing
 * every input and every file of dist/ (400,000 files at 100,000 papers, 41,000 at 10,000) left
 * 200–400 MB in the heap of the process that did it, which V8 kept while the steps ran beside
 * it; a worker thread kept it as well. A process gives it back when it ends, for about 0.1 s.
 */
function digestApart(root: string, which: 'inputs' | 'output'): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [import.meta.filename, '--digest', which], { cwd: root, env: childEnv(root) }, (error, stdout) => {
      if (error) reject(new Error(`The ${which} digest failed: ${error.message}`));
      else resolve(stdout.trim());
    });
  });
}

interface LastBuild {
  inputs: string;
  output: string;
  /** Pages the site step generated: the total of the next build's progress bar. */
  pages?: number;
}

function readLastBuild(root: string): LastBuild | undefined {
  try {
    return JSON.parse(readFileSync(join(root, RECORD), 'utf8')) as LastBuild;
  } catch {
    return undefined;
  }
}

/** One step as it runs: what its process said of it, and its peak memory. */
class StepRun {
  readonly started = performance.now();
  summary?: string;
  /** What the step reported it did (merged, in order). */
  readonly facts: BuildFacts = {};
  /** The digest of dist/ the step reported, if it did (the offline worker's). */
  outputDigest?: string;
  peakBytes = 0;
}

/** Astro's `--json` log: one JSON object per line. */
interface AstroLogLine {
  message: string;
  label: string | null;
  level: 'debug' | 'info' | 'warn' | 'error';
}


/** Follows Astro's log for the site step: phases, page counts, warnings; the bench's stage marks. */
class AstroFollower {
  pages = 0;
  kept = 0;
  readonly #log: BuildLog;
  readonly #expectedPages: number | undefined;
  readonly #started = performance.now();
  #synced: number | undefined;
  #bundled: number | undefined;

  constructor(log: BuildLog, expectedPages: number | undefined) {
    this.#log = log;
    this.#expectedPages = expectedPages;
  }

  line(text: string): void {
    let entry: AstroLogLine;
    try {
      entry = JSON.parse(text) as AstroLogLine;
    } catch {
      this.#log.output(text);
      return;
    }
    const message = entry.message;
    if (entry.label === null && ASTRO_LOG.pageLine.test(message)) {
      this.pages += 1;
      this.#log.progress('pages', this.pages, this.#expectedPages && this.#expectedPages >= this.pages ? this.#expectedPages : undefined);
      if (this.#log.verbose) this.#log.output(message.trimEnd());
      return;
    }
    if (entry.label === ASTRO_LOG.generatingLabel) {
      if (message.includes(ASTRO_LOG.kept)) this.kept += 1;
      if (message.includes(ASTRO_LOG.generating)) {
        this.#bundled = performance.now();
        this.#log.progress('pages', 0, this.#expectedPages);
      }
      if (this.#log.verbose) this.#log.output(message.trim());
      return;
    }
    this.#log.output(`${entry.label ? `[${entry.label}] ` : ''}${message}`);
    if (entry.label === 'content' && message === ASTRO_LOG.syncing) this.#log.progress('syncing content', 0);
    if (entry.label === 'content' && message === ASTRO_LOG.synced) this.#synced = performance.now();
    if (entry.label === 'build' && message.startsWith(ASTRO_LOG.bundling)) this.#log.progress('bundling', 0);
    if (entry.level === 'warn' || entry.level === 'error') {
      this.#log.messages([{ severity: entry.level === 'warn' ? 'warning' : 'error', ruleId: `astro-${entry.label ?? 'build'}`, reason: message.trim() }]);
    }
  }

  /** The site step's stages, in seconds, once it is over. */
  stages(ended: number): Record<string, number> {
    const synced = this.#synced ?? ended;
    const bundled = this.#bundled ?? synced;
    return { 'content sync': (synced - this.#started) / 1000, bundle: (bundled - synced) / 1000, 'page render': (ended - bundled) / 1000 };
  }

  /** The pages as numbers, for the report. */
  facts(): BuildFacts {
    return { pages: this.pages, rendered: this.pages - this.kept, kept: this.kept };
  }

  /** The status line, from the pages and what the step's integrations reported (the .bib files: src/integrations/bibtex-files.ts). */
  summary(facts: BuildFacts): string {
    const rendered = this.pages - this.kept;
    const n = (value: number) => value.toLocaleString('en-US');
    const bib = typeof facts.bibFiles === 'number' && typeof facts.bibWritten === 'number' ? `; ${n(facts.bibFiles)} .bib files, ${n(facts.bibWritten)} written` : '';
    return `${n(this.pages)} pages, ${n(rendered)} rendered and ${n(this.kept)} unchanged${bib}`;
  }
}

/** Split a stream into lines. */
function onLines(stream: NodeJS.ReadableStream, each: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) each(line);
  });
  stream.on('end', () => { if (rest !== '') each(rest); });
}

/**
 * Run one step's process; returns its exit code. Its output goes to the log (the report, and
 * the screen with --verbose), its events to the bar, the grouped messages and the step's record.
 */
function runProcess(args: string[], root: string, env: NodeJS.ProcessEnv, log: BuildLog, run: StepRun, astro?: AstroFollower): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env });
    // Peak memory of the step's processes together (Pagefind runs a native child): for the report.
    const measure = () => { run.peakBytes = Math.max(run.peakBytes, treeRss(child.pid ?? 0)); };
    const sample = setInterval(measure, 250);
    setTimeout(measure, 50);
    const each = astro ? (line: string) => astro.line(line) : (line: string) => log.output(line);
    onLines(child.stdout!, each);
    onLines(child.stderr!, each);
    child.on('message', (event: BuildEvent) => {
      if (event.type === 'progress') log.progress(event.phase, event.done, event.total);
      else if (event.type === 'summary') run.summary = event.text;
      else if (event.type === 'output-digest') run.outputDigest = event.digest;
      else if (event.type === 'messages') log.messages(event.messages);
      else if (event.type === 'facts') Object.assign(run.facts, event.facts);
    });
    child.on('error', (error) => { clearInterval(sample); log.output(error.message); resolve(1); });
    child.on('close', (code) => { clearInterval(sample); resolve(code ?? 1); });
  });
}

/** The last lines a failed step printed: why it failed, on screen. */
function tail(text: readonly string[], count = 20): string[] {
  return text.filter((line) => line.trim() !== '').slice(-count);
}

async function run(): Promise<number> {
  const { values } = parseArgs({ options: { force: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false }, retopic: { type: 'boolean', default: false }, digest: { type: 'string' } } });
  const root = process.cwd();
  if (values.digest !== undefined) { // a digest for the build that spawned this process (digestApart)
    console.log(values.digest === 'output' ? await outputDigest(root) : inputsDigest(root));
    return 0;
  }
  const started = performance.now();
  const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
  const last = values.force || values.retopic ? undefined : readLastBuild(root);
  // Both at once, each in its own process; whether dist/ is as the last build left it is only
  // needed when the inputs are unchanged, or else by the site step (found out while the ingest runs).
  const output = last === undefined ? Promise.resolve('') : digestApart(root, 'output');
  output.catch(() => {}); // awaited below, or by the site step; a failure is reported there
  const inputs = await digestApart(root, 'inputs');
  if (last !== undefined && last.inputs === inputs && last.output === (await output)) {
    const line = `Nothing changed since the last build: dist/ is up to date (checked in ${seconds(started)} s; \`npm run build -- --force\` rebuilds anyway).`;
    new BuildLog({ reportPath: join(root, REPORT) }).writeReport(line, true);
    console.log(line);
    return 0;
  }
  const previousPages = readLastBuild(root)?.pages;
  rmSync(join(root, RECORD), { force: true }); // written again only when this build succeeds
  const cache = join(root, '.cache', 'atlas');
  mkdirSync(cache, { recursive: true });
  const log = new BuildLog({ reportPath: join(root, REPORT), verbose: values.verbose });
  log.line(last === undefined ? (existsSync(join(root, 'dist')) ? 'A full build (--force, or no record of the last one): everything is built.' : 'First build: everything is built.') : 'Inputs changed since the last build.');
  let distAsLeft = false;
  /** Before the site step: keep dist/ when it is as the last build left it, else move it aside (deleted while the new one builds). */
  const prepareDist = async () => {
    distAsLeft = last !== undefined && (await output) === last.output;
    if (distAsLeft) {
      log.line('dist/ is as the last build left it: only pages whose data or code changed are rendered.');
    } else if (existsSync(join(root, 'dist'))) {
      if (last !== undefined) log.line('dist/ is not as the last build left it: every page is rendered.');
      renameSync(join(root, 'dist'), join(cache, `old-dist-${process.pid}-${Date.now()}`));
    }
    // Old copies, this one's and any an interrupted build left aside.
    return { deleted: Promise.all(readdirSync(cache).filter((name) => name.startsWith('old-dist-')).map((name) => rm(join(cache, name), { recursive: true, force: true }))) };
  };
  let cleanup: Promise<unknown> = Promise.resolve();
  // What the next build compares against: the inputs once the ingest has written content/
  // (nothing after it changes an input, so it is digested while the site builds), and dist/ as
  // the last step left it (which that step reports, having listed every file).
  let finalInputs: Promise<string> | undefined;
  let finalOutput: string | undefined;
  let pages: number | undefined;
  const steps = processes(values.force, values.retopic);
  for (const [index, { name, args }] of steps.entries()) {
    const astro = name === 'site' ? new AstroFollower(log, previousPages) : undefined;
    if (astro) {
      cleanup = (await prepareDist()).deleted;
      finalInputs = digestApart(root, 'inputs');
      finalInputs.catch(() => {}); // awaited at the end
    }
    const env = childEnv(root, { [KEEP_DIST_ENV]: distAsLeft ? '1' : '0', [SITE_STEPS_APART_ENV]: '1' });
    log.startStep(index + 1, steps.length, name);
    const run = new StepRun();
    const code = await runProcess(args(distAsLeft), root, env, log, run, astro);
    finalOutput = run.outputDigest; // the last step's (the offline worker lists every file of dist/)
    const ended = performance.now();
    if (astro) {
      pages = astro.pages;
      for (const [stage, value] of Object.entries(astro.stages(ended))) log.stage(stage, value);
    } else {
      log.stage(STAGE_NAMES[name] ?? name, (ended - run.started) / 1000);
    }
    const summary = astro ? astro.summary(run.facts) : run.summary;
    const facts = astro ? { ...run.facts, ...astro.facts() } : run.facts;
    log.endStep({ name, seconds: (ended - run.started) / 1000, ok: code === 0, summary: code === 0 ? summary : undefined, peakMB: Math.round(run.peakBytes / 1024 / 1024), facts });
    if (code !== 0) {
      // A step that failed without saying why in a message (a crash): its last lines say why.
      if (!values.verbose && !log.stepHadErrors) for (const line of tail(log.stepOutput)) log.line(`  ${line}`);
      const report = log.writeReport(`Build failed in step ${name} (exit code ${code}).`);
      log.line(`✗ ${name} failed (exit code ${code}); the steps after it did not run. Why is above; everything it printed is in ${relative(root, report)}.`);
      await cleanup;
      return code;
    }
  }
  await cleanup;
  const record: LastBuild = { inputs: await (finalInputs ?? digestApart(root, 'inputs')), output: finalOutput ?? (await digestApart(root, 'output')), pages };
  writeFileSync(join(root, RECORD), `${JSON.stringify(record, null, 2)}\n`);
  const report = log.writeReport(`Build of ${root}: dist/ built in ${seconds(started)} s.`);
  log.line(`\nBuilt dist/ in ${seconds(started)} s: ready to host; \`npm run preview\` serves it. The full report: ${relative(root, report)} (\`npm run build -- --verbose\` prints it all as it goes).`);
  return 0;
}

if (import.meta.main) {
  run().then(
    (code) => { process.exitCode = code; },
    (error: Error) => { console.error(error.message); process.exitCode = 1; },
  );
}
