/**
 * `npm run build`: dumps → content → pages → search index → offline worker, in four steps
 * (each its own process, so one step's memory is freed before the next starts).
 *
 * - Up to date: when nothing the build reads has changed since the last build (seeds, content,
 *   code, dependencies, ATLAS_* settings) and dist/ is as that build left it, nothing is done.
 *   The record of the last build is .cache/atlas/last-build.json; `--force` ignores it.
 * - The previous dist/ is moved aside at once and deleted while the new one is built, rather
 *   than file by file before it (tens of thousands of files take seconds to delete).
 *
 * Usage: node scripts/build.ts [--force]
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { listFiles } from '../src/lib/list-files.ts';

/** Everything a build reads, relative to the project root. */
const INPUTS = ['seeds', 'content', 'src', 'public', 'scripts', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];
/** Settings that change the output without changing a file. */
const SETTINGS = ['ATLAS_SITE', 'ATLAS_BASE', 'ATLAS_OFFLINE_MB'];
const RECORD = join('.cache', 'atlas', 'last-build.json');

/** The steps of a build: what each runs, as `npm run build` always has. */
const STEPS: { name: string; args: string[] }[] = [
  { name: 'ingest', args: ['scripts/ingest.ts'] },
  { name: 'site', args: ['node_modules/astro/bin/astro.mjs', 'build'] },
  { name: 'search index', args: ['scripts/index-search.ts'] },
  { name: 'offline worker', args: ['scripts/service-worker.ts'] },
];

/** A digest of every input file (path and bytes) and of the settings. */
export function inputsDigest(root: string): string {
  const hash = createHash('sha256');
  for (const name of SETTINGS) hash.update(`${name}=${process.env[name] ?? ''}\n`);
  for (const input of INPUTS) {
    const path = join(root, input);
    if (!existsSync(path)) continue;
    const files = statSync(path).isDirectory() ? listFiles(path).map((file) => join(input, file)) : [input];
    for (const file of files) {
      hash.update(`${file}\n`);
      hash.update(readFileSync(join(root, file)));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
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
function runStep(args: string[], root: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
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
  if (last && last.inputs === inputsDigest(root) && last.output === outputDigest(root)) {
    console.log(`Nothing changed since the last build: dist/ is up to date (checked in ${seconds(started)} s; \`npm run build -- --force\` rebuilds anyway).`);
    return 0;
  }
  rmSync(join(root, RECORD), { force: true });
  // Move the old site aside and delete it while the new one builds.
  // (Also what an interrupted build left aside.)
  const cache = join(root, '.cache', 'atlas');
  mkdirSync(cache, { recursive: true });
  if (existsSync(join(root, 'dist'))) renameSync(join(root, 'dist'), join(cache, `old-dist-${process.pid}-${Date.now()}`));
  const cleanup = Promise.all(
    readdirSync(cache).filter((name) => name.startsWith('old-dist-')).map((name) => rm(join(cache, name), { recursive: true, force: true })),
  );
  for (const [index, step] of STEPS.entries()) {
    const stepStarted = performance.now();
    console.log(`\n▶ ${index + 1}/${STEPS.length} ${step.name}`);
    const code = await runStep(step.args, root);
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
