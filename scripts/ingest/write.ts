import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeIfChanged } from '../../src/lib/write-if-changed.ts';

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
