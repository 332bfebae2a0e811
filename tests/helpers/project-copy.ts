import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT, REPORT_JSON } from '../../scripts/build.ts';
import type { BuildReport } from '../../scripts/build/build-log.ts';
import type { IngestFacts } from '../../scripts/ingest/report.ts';

export { copyProject, ROOT } from '../../scripts/project-copy.ts';

/**
 * Run `npm run build [-- args]` in a folder; returns what it printed followed by the report it
 * wrote (everything its steps printed, every message: .cache/atlas/build-report.txt), throws with
 * them on failure. `printed` is what it printed alone.
 */
export function buildIn(dir: string, env: Record<string, string> = {}, args: string[] = []): string {
  const printed = buildPrinting(dir, env, args);
  return `${printed}\n${readFileSync(join(dir, REPORT), 'utf8')}`;
}

/** Run `npm run build [-- args]` in a folder; returns what it printed, throws with its output and report on failure. */
export function buildPrinting(dir: string, env: Record<string, string> = {}, args: string[] = []): string {
  try {
    return execFileSync('npm', ['run', 'build', '--silent', ...(args.length > 0 ? ['--', ...args] : [])], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ...env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    const report = existsSync(join(dir, REPORT)) ? readFileSync(join(dir, REPORT), 'utf8') : '(no report)';
    throw new Error(`npm run build failed in ${dir}:\n${stdout ?? ''}\n${stderr ?? ''}\n${report}`);
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
