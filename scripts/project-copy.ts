import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The project root. */
export const ROOT = resolve(import.meta.dirname, '..');

/** What a copy of the project holds: everything a build reads. */
const COPIED = ['src', 'content', 'seeds', 'scripts', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'];

/**
 * Copy the project into a fresh temporary folder, so a test or the benchmark can build,
 * change dumps and rebuild without touching the working tree. Installed packages are shared
 * through one symlink per package, while node_modules/ itself is the copy's own: the caches
 * Astro and Vite keep there (node_modules/.astro, node_modules/.vite) start empty and belong
 * to this copy alone.
 */
export function copyProject(options: { withContent?: boolean; withSeeds?: boolean; prefix?: string } = {}): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), options.prefix ?? 'atlas-copy-'));
  for (const entry of COPIED) {
    if (entry === 'content' && options.withContent === false) continue;
    if (entry === 'seeds' && options.withSeeds === false) continue;
    cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  }
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name === '.astro' || name === '.vite') continue;
    symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
