import { readdirSync, type Dirent } from 'node:fs';
import { join, relative } from 'node:path';

/** Every file below a folder, as sorted paths relative to it. */
export function listFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}
