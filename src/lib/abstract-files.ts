import { closeSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * What only a paper's own page (and the feeds) show of its abstract: the rendered HTML and the
 * plain text. The papers loader keeps them out of Astro's content store, in one file of their
 * own keyed by the digest of each paper file: the store is held in memory, serialized on every
 * build and bundled as JavaScript with the pages, and at 10,000 papers these two fields were
 * two thirds of it. Cards need only the excerpt, which stays in the store. One file, not one
 * per paper: creating 10,000 small files took 2.5 s of a cold build on the reference machine.
 */
export interface RenderedAbstract {
  /** The abstract rendered to HTML, math through KaTeX. */
  html: string;
  /** The abstract as plain text, formulas as their TeX source. */
  text: string;
}

/** The abstracts file: rendered abstract by paper-file digest. */
export type AbstractsFile = Record<string, RenderedAbstract>;

/** Its name, in Astro's cache folder (`node_modules/.astro/`). */
export const ABSTRACTS_FILE = 'atlas-abstracts.json';

/**
 * The variable through which the papers loader tells pages, in the same build or dev-server
 * process, where the abstracts file is. Nothing stored holds that path.
 */
export const ABSTRACTS_FILE_ENV = 'ATLAS_ABSTRACTS_FILE';

/** Read an abstracts file; an empty one when it is missing or unreadable (everything is rendered again). */
export function readAbstractsFile(path: string): AbstractsFile {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as AbstractsFile;
  } catch {
    return {};
  }
}

/**
 * Write an abstracts file entry by entry, as JSON.stringify would write it whole: the whole
 * text at once was one string of 310 MB at 100,000 papers, on top of the abstracts themselves.
 * Atomically (a temporary file renamed): a half-written file is never read.
 */
export function writeAbstractsFile(path: string, abstracts: AbstractsFile): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'w');
  try {
    let chunk = '{';
    let first = true;
    for (const [digest, abstract] of Object.entries(abstracts)) {
      chunk += `${first ? '' : ','}${JSON.stringify(digest)}:${JSON.stringify(abstract)}`;
      first = false;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, `${chunk}}`);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
}

/** A paper as far as finding its abstract goes: its id and digest. */
interface WithAbstract {
  id: string;
  digest?: string | number;
}

/** The abstracts file read last, kept while it is unchanged (it is read once per build, not once per page). */
let loaded: { path: string; mtimeMs: number; size: number; abstracts: AbstractsFile } | undefined;

/** A paper's rendered abstract and plain text, from the file the loader wrote. */
export function readAbstract(paper: WithAbstract): RenderedAbstract {
  const path = process.env[ABSTRACTS_FILE_ENV];
  const again = 'Run `npm run build -- --force` to render every paper again.';
  if (path === undefined) throw new Error(`The papers were not loaded in this process, so the abstract of paper ${paper.id} cannot be shown. ${again}`);
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new Error(`${path}: missing, so the abstract of paper ${paper.id} cannot be shown. ${again}`);
  }
  if (loaded?.path !== path || loaded.mtimeMs !== stat.mtimeMs || loaded.size !== stat.size) {
    loaded = { path, mtimeMs: stat.mtimeMs, size: stat.size, abstracts: readAbstractsFile(path) };
  }
  const abstract = loaded.abstracts[String(paper.digest)];
  if (!abstract) throw new Error(`${path}: no abstract for paper ${paper.id}. ${again}`);
  return abstract;
}
