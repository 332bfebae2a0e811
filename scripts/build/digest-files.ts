import type { Hash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from './list-files.ts';

/** Feed a hash every file of the given entries (files or folders, from `root`): its path from `root`, then its bytes. */
export function digestFiles(hash: Hash, root: string, entries: readonly string[]): Hash {
  for (const entry of entries) {
    const path = join(root, entry);
    if (!existsSync(path)) continue;
    const files = statSync(path).isDirectory() ? listFiles(path).map((file) => join(entry, file)) : [entry];
    for (const file of files) hash.update(`${file.split('\\').join('/')}\n`).update(readFileSync(join(root, file))).update('\n');
  }
  return hash;
}
