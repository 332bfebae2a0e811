import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The project root (tests run from it). */
export const ROOT = resolve(import.meta.dirname, '../..');

const COPIED = ['src', 'content', 'seeds', 'scripts', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'];

/**
 * Copy the project into a fresh temporary folder (sharing node_modules), so a test can
 * build, change dumps and rebuild without touching the working tree.
 */
export function copyProject(options: { withContent?: boolean } = {}): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-test-'));
  for (const entry of COPIED) {
    if (entry === 'content' && options.withContent === false) continue;
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Run `npm run build` in a folder; returns its output, throws with it on failure. */
export function buildIn(dir: string, env: Record<string, string> = {}): string {
  try {
    return execFileSync('npm', ['run', 'build', '--silent'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ...env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm run build failed in ${dir}:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}
