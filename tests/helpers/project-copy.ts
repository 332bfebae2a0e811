import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPORT } from '../../scripts/build.ts';

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
