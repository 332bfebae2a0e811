import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { keyOf, saltOf, writeAtomically } from '../build/memo.ts';
import { INGEST_CODE } from '../build/inputs.ts';
import type { Message, NormalRecord, ParsedFile, SourceInfo } from './types.ts';

/** One dump as read and normalized: a pure function of its bytes, its name, what sources.yaml says of it, and the code. */
export interface ReadDump {
  file: Omit<ParsedFile, 'records'>;
  records: NormalRecord[];
  messages: Message[];
  repairs: [string, number][];
  /** Each record's abstract fingerprint (dedupe's identity), in record order. */
  fingerprints: string[];
}

/**
 * A memo of its own shape (one file per dump, not one file for all: a dump's records are large,
 * and a day's build reads one dump of many), on the same helpers (scripts/build/memo.ts).
 * Reading and normalizing the dumps is most of the ingest's work per paper (1.2 s of its 5 s
 * at 10,000 papers), and a day's build changes one dump of many. This cache keeps each dump's
 * result in .cache/atlas/ingest-dumps/, one file per dump, under a digest of the dump's bytes,
 * its name, its sources.yaml entry and the ingest's code and dependencies; a dump that changed
 * (or code that changed) is read again. Only what the last run used is kept. Deleting the
 * folder costs one slower ingest; the output never depends on it.
 */
export class DumpCache {
  readonly #dir: string;
  readonly #salt: string;
  readonly #used = new Set<string>();
  hits = 0;
  misses = 0;

  constructor(dir: string, root: string, macros: Readonly<Record<string, string>> = {}) {
    this.#dir = dir;
    // The ingest's own code, and the lock file (the parsers' versions).
    // And the declared macros (katexMacros in atlas({ … })): the text and the math checks read them.
    this.#salt = saltOf(root, INGEST_CODE, JSON.stringify(macros));
  }

  /** The dump's result, from the cache when it was read before as it is now. */
  get(name: string, bytes: Uint8Array, source: SourceInfo, read: () => ReadDump): ReadDump {
    const key = keyOf(this.#salt, name, JSON.stringify(source), bytes);
    this.#used.add(key);
    const path = join(this.#dir, `${key}.json`);
    if (existsSync(path)) {
      try {
        const stored = JSON.parse(readFileSync(path, 'utf8')) as ReadDump;
        this.hits += 1;
        return stored;
      } catch {
        // unreadable: read the dump again
      }
    }
    const result = read();
    this.misses += 1;
    writeAtomically(path, JSON.stringify(result));
    return result;
  }

  /** Remove what this run did not use (dumps deleted or changed since). */
  prune(): void {
    if (!existsSync(this.#dir)) return;
    for (const name of readdirSync(this.#dir)) if (!this.#used.has(name.replace(/\.json$/, ''))) rmSync(join(this.#dir, name), { force: true });
  }
}
