import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What the write stage changed on disk. */
export interface WriteResult {
  written: string[];
  unchanged: number;
  removed: string[];
}

/**
 * Make `dir` hold exactly `files` (name → content): rewrite only files whose content
 * changed, so file times and caches downstream stay valid, and remove stale `.mdx` files.
 */
export function writeFiles(dir: string, files: ReadonlyMap<string, string>): WriteResult {
  mkdirSync(dir, { recursive: true });
  const result: WriteResult = { written: [], unchanged: 0, removed: [] };
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.mdx') && !files.has(name)) {
      rmSync(join(dir, name));
      result.removed.push(name);
    }
  }
  for (const [name, content] of files) {
    if (writeIfChanged(join(dir, name), content)) result.written.push(name);
    else result.unchanged += 1;
  }
  return result;
}

/** Write a file only when its content differs; returns whether it wrote. */
export function writeIfChanged(path: string, content: string): boolean {
  if (existsSync(path) && readFileSync(path, 'utf8') === content) return false;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return true;
}
