import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeIfChanged } from '../build/write-if-changed.ts';
import { digestOf, type PaperFile } from './serialize-cache.ts';

/** What the write stage changed on disk. */
export interface WriteResult {
  written: string[];
  unchanged: number;
  removed: string[];
}

/** A paper file as it is on disk: a digest of its text, and its related list. */
export interface WrittenFile {
  digest: string;
  related?: string[];
  /** Its topics, as last written. */
  topics?: string[];
}

/**
 * The `.mdx` files of a folder as they are now (name → digest and related list): read once per
 * run, for the related lists and for the write stage to tell which files changed. Digests, not
 * texts, so that 100,000 papers do not hold a second copy of every file in memory.
 */
export function readWritten(dir: string): Map<string, WrittenFile> {
  const written = new Map<string, WrittenFile>();
  if (!existsSync(dir)) return written;
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.mdx')) continue;
    const text = readFileSync(join(dir, name), 'utf8');
    written.set(name, { digest: digestOf(text), related: relatedOf(text), topics: listOf(text, TOPICS_BLOCK) });
  }
  return written;
}

/**
 * Make `dir` hold exactly `files`: write only files whose content changed, so file times and
 * caches downstream stay valid, and remove stale `.mdx` files. `existing` is what the folder
 * holds (readWritten), when it was read already: a file whose digest is known and matches it is
 * not even written out in memory. Files are written one after the other, and their texts let go.
 */
export function writeFiles(dir: string, files: readonly PaperFile[], progress: (done: number) => void = () => {}, existing?: ReadonlyMap<string, WrittenFile>): WriteResult {
  mkdirSync(dir, { recursive: true });
  const result: WriteResult = { written: [], unchanged: 0, removed: [] };
  const names = new Set(files.map((file) => file.name));
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.mdx') && !names.has(name)) {
      rmSync(join(dir, name));
      result.removed.push(name);
    }
  }
  for (const file of files) {
    const before = existing?.get(file.name)?.digest;
    let same = before !== undefined && before === file.digest;
    if (!same) {
      const content = file.text();
      same = existing ? before === digestOf(content) : !writeIfChanged(join(dir, file.name), content);
      if (existing && !same) writeFileSync(join(dir, file.name), content);
    }
    if (same) result.unchanged += 1;
    else result.written.push(file.name);
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
export function readWrittenRelated(written: ReadonlyMap<string, WrittenFile>): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const [name, file] of written) if (file.related) lists.set(name.slice(0, -'.mdx'.length), file.related);
  return lists;
}

/** `topics:` in a paper file's frontmatter, as the write stage serialises it. */
const TOPICS_BLOCK = /^topics:(?: \[\]|\n((?: {2}- [^\n]*\n)*))/m;

/** The topics of the papers already written (slug → topic slugs), to keep them (assign-topics.ts). */
export function readWrittenTopics(written: ReadonlyMap<string, WrittenFile>): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const [name, file] of written) if (file.topics) lists.set(name.slice(0, -'.mdx'.length), file.topics);
  return lists;
}

/** The related list in a paper file's frontmatter, if it has one as the write stage writes it. */
function relatedOf(text: string): string[] | undefined {
  return listOf(text, RELATED_BLOCK);
}

/** A list of slugs in a paper file's frontmatter, if it is there as the write stage writes it. */
function listOf(text: string, block: RegExp): string[] | undefined {
  const end = text.indexOf('\n---\n', 4);
  if (!text.startsWith('---\n') || end < 0) return undefined;
  const match = block.exec(text.slice(4, end + 1));
  if (!match) return undefined;
  return (match[1] ?? '').split('\n').filter(Boolean).map((line) => line.slice(4).trim());
}
