import { createHash } from 'node:crypto';
import type { Root } from 'mdast';
import { keyOf, Memo } from '../build/memo.ts';
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
  readonly #memo: Memo<string>;

  /** `salt`: a digest of the code and packages that write papers (scripts/build/memo.ts: saltOf). */
  constructor(file: string, salt: string) {
    this.#memo = new Memo(file, salt);
  }

  /** Papers whose file the cache knew. */
  get hits(): number {
    return this.#memo.hits;
  }

  /** A paper's file: with the digest of its text when its frontmatter and body are those of a paper already written. */
  file(name: string, frontmatter: Paper, body: Root, write: () => string): PaperFile {
    const key = keyOf(JSON.stringify(frontmatter), JSON.stringify(body));
    return {
      name,
      digest: this.#memo.get(key),
      text: () => {
        const text = write();
        this.#memo.set(key, digestOf(text));
        return text;
      },
    };
  }

  /** Store what this run used, unless that is what is stored. */
  save(): void {
    this.#memo.save();
  }
}
