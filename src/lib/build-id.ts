import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { listFiles } from './list-files.ts';

let cached: string | undefined;

const filesBelow = (dir: string) => listFiles(dir).map((file) => join(dir, file));

/**
 * An id for this build, from everything the pages are made of: content/, src/, the locked
 * dependencies, and where the site is hosted. The service worker caches one build under this
 * id and keeps a page fetched later only if it carries the same id, so a reader never gets
 * pages of one build with the search index of another. Same inputs, same id.
 */
export function buildId(): string {
  if (cached) return cached;
  const root = process.cwd();
  const hash = createHash('sha256');
  hash.update(`${import.meta.env.SITE ?? ''}\n${import.meta.env.BASE_URL}\n`);
  for (const file of [...filesBelow(join(root, 'content')), ...filesBelow(join(root, 'src')), join(root, 'package-lock.json')]) {
    hash.update(`${relative(root, file)}\n`);
    try {
      hash.update(readFileSync(file));
    } catch {
      // A file that vanished while listing (an editor's swap file) changes nothing the pages show.
    }
  }
  cached = hash.digest('hex').slice(0, 16);
  return cached;
}
