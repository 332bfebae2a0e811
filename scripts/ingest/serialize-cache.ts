import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Root } from 'mdast';
import type { Paper } from '../../src/schemas/paper.ts';

/** A digest of a paper file's text, as the write stage compares files by. */
export const digestOf = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * A paper file to write: its text on demand, and the digest of that text when the cache knows
 * it, so that a file already on disk with that digest is neither written out nor compared.
 */
export interface PaperFile {
  name: string;
  digest?: string;
  text: () => string;
}

/**
 * Writing a paper's MDX (YAML frontmatter and the abstract through mdast-util-to-markdown) is a
 * pure function of its frontmatter and its abstract's mdast, and at 10,000 papers it takes
 * about 1.8 s. This cache keeps the digest of each paper's MDX under a digest of both, and of
 * the code and dependencies that write it, so a build where one dump changed writes only the
 * papers it changed: an unchanged paper whose file on disk has that digest is not written out
 * at all. Digests, not texts: at 100,000 papers the texts were a 209 MB file, and a second
 * copy of every paper in memory. It lives in .cache/atlas/ (never committed; deleting it costs
 * one slower ingest) and holds only what the last run wrote.
 */
export class SerializeCache {
  private readonly previous: Map<string, string>;
  private readonly used = new Map<string, string>();
  private readonly salt: string;
  private readonly path: string;
  hits = 0;

  constructor(file: string, codeFiles: readonly string[]) {
    this.path = file;
    const salt = createHash('sha256');
    for (const code of codeFiles) salt.update(readFileSync(code));
    this.salt = salt.digest('hex');
    this.previous = new Map();
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { salt: string; digests: Record<string, string> };
      if (stored.salt === this.salt) for (const [key, value] of Object.entries(stored.digests)) this.previous.set(key, value);
    } catch {
      // No cache yet, or an unreadable one: every paper is written out.
    }
  }

  /** A paper's file: with the digest of its text when its frontmatter and body are those of a paper already written. */
  file(name: string, frontmatter: Paper, body: Root, write: () => string): PaperFile {
    const key = createHash('sha256').update(JSON.stringify(frontmatter)).update('\n').update(JSON.stringify(body)).digest('base64url');
    const digest = this.previous.get(key);
    if (digest !== undefined) {
      this.hits += 1;
      this.used.set(key, digest);
    }
    return {
      name,
      digest,
      text: () => {
        const text = write();
        this.used.set(key, digestOf(text));
        return text;
      },
    };
  }

  /** Store what this run used (atomically: a half-written cache is never read), unless that is what is stored. */
  save(): void {
    // Every paper came from the cache and none was dropped: the file already holds exactly this.
    if (this.hits === this.used.size && this.used.size === this.previous.size) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = join(dirname(this.path), `.${process.pid}.tmp`);
    writeFileSync(temporary, JSON.stringify({ salt: this.salt, digests: Object.fromEntries(this.used) }));
    renameSync(temporary, this.path);
  }
}
