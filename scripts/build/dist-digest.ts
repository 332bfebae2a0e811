import { createHash } from 'node:crypto';

/** What the digest of a built site looks at in each file. */
export interface FileStat {
  /** Path relative to the site's folder. */
  file: string;
  size: number;
  mtimeMs: number;
}

/**
 * A digest of the files of a folder, in path order (as `listFiles` sorts them): each one's
 * path, size and modification time. `npm run build` records it for dist/ at the end of a build
 * and compares it at the start of the next, to know whether dist/ is as it left it.
 */
export function statsDigest(stats: readonly FileStat[]): string {
  const hash = createHash('sha256');
  for (const { file, size, mtimeMs } of stats) hash.update(`${file}\t${size}\t${mtimeMs}\n`);
  return hash.digest('hex');
}
