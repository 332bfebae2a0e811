import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * What only a paper's own page (and the feeds and search records) show of its abstract: the
 * rendered HTML and the plain text. The papers loader keeps them out of Astro's content store
 * (held in memory, serialized on every build and bundled as JavaScript with the pages; at
 * 10,000 papers these two fields were two thirds of it), in a store of their own keyed by the
 * digest of each paper file. Cards need only the excerpt, which stays in Astro's store.
 *
 * The store is two files in .cache/atlas/ (with the atlas's other state), not one per paper (creating 10,000 small
 * files took 2.5 s of a cold build on the reference machine):
 * - a data file, `atlas-abstracts.<generation>.data`: each abstract as a JSON array
 *   `[html, text, excerpt]`, one after the other, only ever appended to;
 * - the index, `atlas-abstracts.json`: where each digest's abstract lies in the data file.
 * A page reads its own abstract with one positioned read, so no process ever holds every
 * abstract (310 MB of JSON at 100,000 papers, about 1 GB once parsed). The index is written last
 * and atomically: bytes appended by a run that did not finish are never pointed at. When less
 * than half the data file is still pointed at, the live abstracts are copied into a new
 * generation and the old file deleted.
 */
export interface RenderedAbstract {
  /** The abstract rendered to HTML, math through KaTeX. */
  html: string;
  /** The abstract as plain text, formulas as their TeX source. */
  text: string;
}

/** What the store keeps of an abstract: also its first sentence, so that a paper Astro's store lost needs no rendering. */
export interface StoredAbstract extends RenderedAbstract {
  /** The first sentence, as plain text (what cards show). */
  excerpt: string;
}

/** The folder of the store, from the project's root: the atlas's state (Astro keeps its own in node_modules/.astro/). */
export const ABSTRACTS_DIR = join('.cache', 'atlas');
/** The index's name, in ABSTRACTS_DIR. */
export const ABSTRACTS_FILE = 'atlas-abstracts.json';

/**
 * The variable through which the papers loader tells pages, in the same build or dev-server
 * process, where the index is. Nothing stored holds that path.
 */
export const ABSTRACTS_FILE_ENV = 'ATLAS_ABSTRACTS_FILE';

const FORMAT = 'atlas-abstracts-3';
const DATA_FILE = /^atlas-abstracts\.(\d+)\.data$/;

/** The index: the data file's name and, by digest, where each abstract lies in it. */
interface AbstractsIndex {
  format: typeof FORMAT;
  data: string;
  entries: Record<string, [offset: number, length: number]>;
}

/** Read the index; undefined when it is missing, unreadable or of another format (everything is rendered again). */
function readIndex(path: string): AbstractsIndex | undefined {
  try {
    const index = JSON.parse(readFileSync(path, 'utf8')) as AbstractsIndex;
    if (index.format !== FORMAT || !DATA_FILE.test(index.data) || !existsSync(join(dirname(path), index.data))) return undefined;
    return index;
  } catch {
    return undefined;
  }
}

/** Appends are gathered up to this many bytes before they are written. */
const WRITE_CHUNK = 1 << 20;

/**
 * The loader's side of the store: which abstracts are already there, and adding new ones. Every
 * abstract the current papers need is either kept (`keep`) or added (`add`); `close` forgets the
 * others and writes the index.
 */
export class AbstractsWriter {
  readonly #indexPath: string;
  readonly #previous: Record<string, [number, number]>;
  readonly #entries: Record<string, [number, number]> = {};
  #data: string;
  #fd: number;
  #size: number;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #added = 0;
  #changed: boolean;

  constructor(indexPath: string) {
    this.#indexPath = indexPath;
    const index = readIndex(indexPath);
    this.#previous = index?.entries ?? {};
    this.#data = index?.data ?? 'atlas-abstracts.1.data';
    this.#changed = index === undefined;
    // Appended at the end of the file, past anything a run that did not finish left there (and read from: `a+`).
    this.#fd = openSync(join(dirname(indexPath), this.#data), 'a+');
    this.#size = fstatSync(this.#fd).size;
  }

  /** Whether the store holds this digest's abstract. */
  has(digest: string): boolean {
    return Object.hasOwn(this.#previous, digest);
  }

  /** Keep an abstract the store holds. */
  keep(digest: string): void {
    this.#entries[digest] = this.#previous[digest];
  }

  /** The excerpt of an abstract the store holds (to store its paper again without rendering it). */
  excerpt(digest: string): string {
    const [offset, length] = this.#previous[digest];
    return readStored(this.#fd, offset, length)[2];
  }

  /** Add an abstract. */
  add(digest: string, abstract: StoredAbstract): void {
    const bytes = Buffer.from(JSON.stringify([abstract.html, abstract.text, abstract.excerpt]));
    this.#entries[digest] = [this.#size + this.#pendingBytes, bytes.length];
    this.#pending.push(bytes);
    this.#pendingBytes += bytes.length;
    this.#added += 1;
    if (this.#pendingBytes >= WRITE_CHUNK) this.#flush();
  }

  #flush(): void {
    if (this.#pendingBytes === 0) return;
    writeSync(this.#fd, Buffer.concat(this.#pending, this.#pendingBytes));
    this.#size += this.#pendingBytes;
    this.#pending = [];
    this.#pendingBytes = 0;
  }

  /** Write the index (when anything changed), copying the live abstracts into a new data file when most of the old one is dead. Returns how many of the old abstracts were dropped. */
  close(): { dropped: number } {
    this.#flush();
    const size = fstatSync(this.#fd).size;
    closeSync(this.#fd);
    if (size !== this.#size) {
      // Another process (a dev server, a second build) appended to the same file meanwhile: the
      // offsets of this run cannot be trusted, so the index is left as it was.
      throw new Error(`${join(dirname(this.#indexPath), this.#data)} was written by another process while this one rendered abstracts (a dev server and a build at once?). Run the build again.`);
    }
    const dropped = Object.keys(this.#previous).filter((digest) => !Object.hasOwn(this.#entries, digest)).length;
    if (this.#added === 0 && dropped === 0 && !this.#changed) return { dropped };
    const dir = dirname(this.#indexPath);
    let live = 0;
    for (const [, length] of Object.values(this.#entries)) live += length;
    if (live * 2 < this.#size) this.#compact(dir);
    const temporary = join(dir, `.${basename(this.#indexPath)}.${process.pid}.tmp`);
    writeFileSync(temporary, JSON.stringify({ format: FORMAT, data: this.#data, entries: this.#entries } satisfies AbstractsIndex));
    renameSync(temporary, this.#indexPath);
    // Data files no index points at: an older generation, or one a run that did not finish began.
    for (const name of readdirSync(dir)) if (DATA_FILE.test(name) && name !== this.#data) rmSync(join(dir, name), { force: true });
    return { dropped };
  }

  /** Leave the store as it was (the index untouched): for a load that failed. */
  abort(): void {
    closeSync(this.#fd);
  }

  /** Copy the live abstracts, in their order in the old file, into a data file of the next generation. */
  #compact(dir: string): void {
    const generation = Number(DATA_FILE.exec(this.#data)![1]) + 1;
    const next = `atlas-abstracts.${generation}.data`;
    const source = openSync(join(dir, this.#data), 'r');
    const target = openSync(join(dir, next), 'w');
    try {
      let offset = 0;
      const entries = Object.entries(this.#entries).sort((a, b) => a[1][0] - b[1][0]);
      for (const [digest, [from, length]] of entries) {
        const bytes = Buffer.allocUnsafe(length);
        readSync(source, bytes, 0, length, from);
        writeSync(target, bytes);
        this.#entries[digest] = [offset, length];
        offset += length;
      }
      this.#size = offset;
    } finally {
      closeSync(source);
      closeSync(target);
    }
    this.#data = next;
  }
}

/** A paper as far as finding its abstract goes: its id and digest. */
interface WithAbstract {
  id: string;
  digest?: string | number;
}

/** The index read last and the data file it names, kept open while the index is unchanged. */
let loaded: { path: string; mtimeMs: number; size: number; index: AbstractsIndex; fd: number } | undefined;

/** A paper's rendered abstract and plain text, from the store the loader wrote. */
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
    if (loaded) closeSync(loaded.fd);
    loaded = undefined;
    const index = readIndex(path);
    if (!index) throw new Error(`${path}: unreadable, so the abstract of paper ${paper.id} cannot be shown. ${again}`);
    loaded = { path, mtimeMs: stat.mtimeMs, size: stat.size, index, fd: openSync(join(dirname(path), index.data), 'r') };
  }
  const entry = Object.hasOwn(loaded.index.entries, String(paper.digest)) ? loaded.index.entries[String(paper.digest)] : undefined;
  if (!entry) throw new Error(`${path}: no abstract for paper ${paper.id}. ${again}`);
  let stored: [string, string, string];
  try {
    stored = readStored(loaded.fd, entry[0], entry[1]);
  } catch (error) {
    throw new Error(`${path}: the abstract of paper ${paper.id} is unreadable (${(error as Error).message}). ${again}`);
  }
  return { html: stored[0], text: stored[1] };
}

/** One stored abstract, read from the data file with one positioned read. */
function readStored(fd: number, offset: number, length: number): [html: string, text: string, excerpt: string] {
  const bytes = Buffer.allocUnsafe(length);
  if (readSync(fd, bytes, 0, length, offset) !== length) throw new Error('cut short');
  return JSON.parse(bytes.toString('utf8')) as [string, string, string];
}
