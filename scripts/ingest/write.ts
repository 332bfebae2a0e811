import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeIfChanged } from '../../src/lib/write-if-changed.ts';

/** What the write stage changed on disk. */
export interface WriteResult {
  written: string[];
  unchanged: number;
  removed: string[];
}

/** The `.mdx` files of a folder as they are now (name → content): read once per run, by the related lists and the write stage. */
export function readWritten(dir: string): Map<string, string> {
  const written = new Map<string, string>();
  if (!existsSync(dir)) return written;
  for (const name of readdirSync(dir)) if (name.endsWith('.mdx')) written.set(name, readFileSync(join(dir, name), 'utf8'));
  return written;
}

/**
 * Make `dir` hold exactly `files` (name → content): rewrite only files whose content
 * changed, so file times and caches downstream stay valid, and remove stale `.mdx` files.
 * `existing` is what the folder holds (readWritten), when it was read already.
 */
export function writeFiles(dir: string, files: ReadonlyMap<string, string>, progress: (done: number) => void = () => {}, existing?: ReadonlyMap<string, string>): WriteResult {
  mkdirSync(dir, { recursive: true });
  const result: WriteResult = { written: [], unchanged: 0, removed: [] };
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.mdx') && !files.has(name)) {
      rmSync(join(dir, name));
      result.removed.push(name);
    }
  }
  for (const [name, content] of files) {
    const same = existing ? existing.get(name) === content : !writeIfChanged(join(dir, name), content);
    if (existing && !same) writeFileSync(join(dir, name), content);
    if (same) result.unchanged += 1;
    else result.written.push(name);
    progress(result.written.length + result.unchanged);
  }
  return result;
}

/** `related:` in a paper file's frontmatter, as the write stage serialises it (a YAML list of slugs). */
const RELATED_BLOCK = /^related:(?: \[\]|\n((?: {2}- [^\n]*\n)*))/m;

/**
 * The related lists of the papers already written (slug → slugs), so that a paper
 * keeps its list while it still holds (see RELATED_MARGIN). A file that cannot be read as the
 * write stage left it gives no list: that paper's list is chosen afresh.
 */
export function readWrittenRelated(written: ReadonlyMap<string, string>): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const [name, text] of written) {
    const end = text.indexOf('\n---\n', 4);
    if (!text.startsWith('---\n') || end < 0) continue;
    const match = RELATED_BLOCK.exec(text.slice(4, end + 1));
    if (!match) continue;
    lists.set(name.slice(0, -'.mdx'.length), (match[1] ?? '').split('\n').filter(Boolean).map((line) => line.slice(4).trim()));
  }
  return lists;
}
