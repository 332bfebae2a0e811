import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPORT, REPORT_JSON } from '../../scripts/build.ts';
import { ROOT } from '../../scripts/project-copy.ts';
import type { BuildReport } from '../../scripts/build/build-log.ts';
import type { IngestFacts } from '../../scripts/ingest/report.ts';

export { copyProject, ROOT } from '../../scripts/project-copy.ts';

/** ../shared/corpora/many-fields/: 1,767 real abstracts of 18 fields, with labels.tsv (read, never copied into the repo). */
export const MANY_FIELDS = join(ROOT, '..', 'shared', 'corpora', 'many-fields');

/**
 * Build in a folder as `npm run build [-- args]` does (BuildOptions); returns what it printed followed by the report it
 * wrote (everything its steps printed, every message: .cache/atlas/build-report.txt), throws with
 * them on failure. `printed` is what it printed alone.
 */
export function buildIn(dir: string, env: Record<string, string> = {}, args: string[] = [], options: BuildOptions = {}): string {
  const printed = buildPrinting(dir, env, args, options);
  return `${printed}\n${readFileSync(join(dir, REPORT), 'utf8')}`;
}

/**
 * How a test runs the build. By default the command package.json's `build` script names, run
 * on this Node (npm puts node_modules/.bin, and so Node 24, first on PATH: the test runs on it
 * already); `npm: true` goes through npm itself, as a reader of the README types it (npm's own
 * start costs about half a second a build, which adds up over the suite's builds).
 */
export interface BuildOptions {
  npm?: boolean;
}

/** The command that builds: package.json's `build` script on this Node (`node scripts/build.ts` → [execPath, ['scripts/build.ts']]), or npm. */
function buildCommand(dir: string, args: string[], options: BuildOptions): [string, string[]] {
  if (options.npm) return ['npm', ['run', 'build', '--silent', ...(args.length > 0 ? ['--', ...args] : [])]];
  const script = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.build;
  const [program, ...words] = script.split(/\s+/);
  if (program !== 'node' || words.some((word) => /["'$&|;<>`\\]/.test(word))) throw new Error(`package.json's build script is not a plain node command: ${script}`);
  return [process.execPath, [...words, ...args]];
}

const buildEnv = (env: Record<string, string>) => ({ ...process.env, ...env, ASTRO_TELEMETRY_DISABLED: '1' });

/** The error of a failed build: what it printed and its report. */
function buildFailed(dir: string, error: unknown): Error {
  const { stdout, stderr } = error as { stdout?: string; stderr?: string };
  const report = existsSync(join(dir, REPORT)) ? readFileSync(join(dir, REPORT), 'utf8') : '(no report)';
  return new Error(`npm run build failed in ${dir}:\n${stdout ?? ''}\n${stderr ?? ''}\n${report}`);
}

/** Build in a folder as `npm run build [-- args]` does; returns what it printed, throws with its output and report on failure. */
export function buildPrinting(dir: string, env: Record<string, string> = {}, args: string[] = [], options: BuildOptions = {}): string {
  const [command, words] = buildCommand(dir, args, options);
  try {
    return execFileSync(command, words, { cwd: dir, encoding: 'utf8', env: buildEnv(env), stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    throw buildFailed(dir, error);
  }
}

/** `buildPrinting`, without blocking: several builds side by side. */
export async function buildInBackground(dir: string, env: Record<string, string> = {}): Promise<string> {
  const [command, words] = buildCommand(dir, [], {});
  try {
    return (await promisify(execFile)(command, words, { cwd: dir, encoding: 'utf8', env: buildEnv(env), maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (error) {
    throw buildFailed(dir, error);
  }
}

/** The machine-readable report of the last `npm run build` in a folder (.cache/atlas/build-report.json). */
export function readReport(dir: string): BuildReport {
  return JSON.parse(readFileSync(join(dir, REPORT_JSON), 'utf8')) as BuildReport;
}

/** What the facts of each step hold (scripts/build/build-events.ts: reportFacts). */
export interface StepFacts {
  ingest: Omit<IngestFacts, 'messages'> & { dumps: { read: number; fromCache: number }; topics: { live: number; retired: number; reclustered: boolean; changed: number }; map: { mode: string; added: number } };
  site: { pages: number; rendered: number; kept: number; bibFiles?: number; bibWritten?: number; abstracts: { papers: number; rendered: number; fromCache: number; restored: number; dropped: number } };
  'search index': { papers: number; mode: 'full' | 'recent' | 'kept'; parts: number; recent?: number; leftOut?: number; written: number; deleted: number };
  'offline worker': { files: number; bytes: number; allBytes: number; budgetMB: number; tiers: number[] };
}

/** One step's facts from a build report; throws when the step did not run. */
export function stepFacts<Name extends keyof StepFacts>(report: BuildReport, name: Name): StepFacts[Name] {
  const step = report.steps.find((entry) => entry.name === name);
  if (!step) throw new Error(`The build report has no step ${name}: ${report.steps.map((entry) => entry.name).join(', ') || 'no steps (nothing changed?)'}`);
  return step.facts as StepFacts[Name];
}

/** Build in a folder and return its report (throws, with the log, when the build fails). */
export function buildReport(dir: string, env: Record<string, string> = {}, args: string[] = []): BuildReport {
  buildPrinting(dir, env, args);
  return readReport(dir);
}
