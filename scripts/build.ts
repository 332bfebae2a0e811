/**
 * `npm run build`: dumps → content → pages → search index → offline worker, in four steps
 * (each its own process, so one step's memory is freed before the next starts).
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
 * Usage: node scripts/build.ts [--force]
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KEEP_DIST_ENV } from '../src/integrations/keep-dist.ts';
import { digestFiles } from '../src/lib/digest-files.ts';
import { listFiles } from '../src/lib/list-files.ts';
import { RECENT_SHARE_ENV } from './index-search.ts';

/** Everything a build reads, relative to the project root. */
const INPUTS = ['seeds', 'content', 'src', 'public', 'scripts', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];
/** Settings that change the output without changing a file. */
const SETTINGS = ['ATLAS_SITE', 'ATLAS_BASE', 'ATLAS_OFFLINE_MB', RECENT_SHARE_ENV];
const RECORD = join('.cache', 'atlas', 'last-build.json');

/** The steps of a build: what each runs, as `npm run build` always has. */
function steps(force: boolean, keep: boolean): { name: string; args: string[] }[] {
  return [
    { name: 'ingest', args: ['scripts/ingest.ts'] },
    // Astro does not render pages unchanged since its last build (experimental.incrementalBuild); --force renders all.
    { name: 'site', args: ['node_modules/astro/bin/astro.mjs', 'build', ...(force ? ['--force'] : [])] },
    // When dist/ was kept, the main search index stays and only papers added or changed since are indexed.
    { name: 'search index', args: ['scripts/index-search.ts', ...(keep ? ['--reuse'] : [])] },
    { name: 'offline worker', args: ['scripts/service-worker.ts'] },
  ];
}

/** A digest of every input file (path and bytes) and of the settings. */
export function inputsDigest(root: string): string {
  const hash = createHash('sha256');
  for (const name of SETTINGS) hash.update(`${name}=${process.env[name] ?? ''}\n`);
  return digestFiles(hash, root, INPUTS).digest('hex');
}

/** A digest of what dist/ holds now: each file's path, size and modification time. */
export function outputDigest(root: string): string {
  const dist = join(root, 'dist');
  if (!existsSync(dist)) return 'none';
  const hash = createHash('sha256');
  for (const file of listFiles(dist)) {
    const stat = statSync(join(dist, file));
    hash.update(`${file}\t${stat.size}\t${stat.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

interface LastBuild {
  inputs: string;
  output: string;
}

function readLastBuild(root: string): LastBuild | undefined {
  try {
    return JSON.parse(readFileSync(join(root, RECORD), 'utf8')) as LastBuild;
  } catch {
    return undefined;
  }
}

/** Run one step with its output passed through; resolves to its exit code. */
function runStep(args: string[], root: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env });
    child.on('error', (error) => { console.error(error.message); resolve(1); });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function run(): Promise<number> {
  const { values } = parseArgs({ options: { force: { type: 'boolean', default: false } } });
  const root = process.cwd();
  const started = performance.now();
  const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
  const last = values.force ? undefined : readLastBuild(root);
  const distAsLeft = last !== undefined && last.output === outputDigest(root);
  if (distAsLeft && last.inputs === inputsDigest(root)) {
    console.log(`Nothing changed since the last build: dist/ is up to date (checked in ${seconds(started)} s; \`npm run build -- --force\` rebuilds anyway).`);
    return 0;
  }
  rmSync(join(root, RECORD), { force: true }); // written again only when this build succeeds
  const cache = join(root, '.cache', 'atlas');
  mkdirSync(cache, { recursive: true });
  if (distAsLeft) {
    console.log('dist/ is as the last build left it: pages whose data and code did not change stay as they are.');
  } else if (existsSync(join(root, 'dist'))) {
    // Move the old site aside and delete it while the new one builds.
    renameSync(join(root, 'dist'), join(cache, `old-dist-${process.pid}-${Date.now()}`));
  }
  // Old copies, this one's and any an interrupted build left aside.
  const cleanup = Promise.all(
    readdirSync(cache).filter((name) => name.startsWith('old-dist-')).map((name) => rm(join(cache, name), { recursive: true, force: true })),
  );
  const all = steps(values.force, distAsLeft);
  for (const [index, step] of all.entries()) {
    const stepStarted = performance.now();
    console.log(`\n▶ ${index + 1}/${all.length} ${step.name}`);
    const code = await runStep(step.args, root, { ...process.env, [KEEP_DIST_ENV]: distAsLeft ? '1' : '0' });
    if (code !== 0) {
      console.error(`✗ ${step.name} failed (exit code ${code}); the steps after it did not run. The messages above say why.`);
      await cleanup;
      return code;
    }
    console.log(`✓ ${step.name} in ${seconds(stepStarted)} s`);
  }
  await cleanup;
  writeFileSync(join(root, RECORD), `${JSON.stringify({ inputs: inputsDigest(root), output: outputDigest(root) } satisfies LastBuild, null, 2)}\n`);
  console.log(`\nBuilt dist/ in ${seconds(started)} s: ready to host; \`npm run preview\` serves it.`);
  return 0;
}

if (import.meta.main) {
  run().then(
    (code) => { process.exitCode = code; },
    (error: Error) => { console.error(error.message); process.exitCode = 1; },
  );
}
