import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { digestFiles } from './digest-files.ts';

/**
 * The atlas's memo caches, one helper: what a pure function gave for a key, kept in
 * `.cache/atlas/` for the next run. Each cache has a salt, a digest of everything its values
 * depend on besides the key (the code that computes them, its packages, the settings it reads:
 * the lists in scripts/build/inputs.ts); a cache written under another salt is not read. A cache
 * holds only what the last run used, is written only when that changed, and is replaced
 * atomically (a half-written cache is never read). Deleting one costs one slower run; no output
 * ever depends on it.
 */

/** A salt: the bytes of `files` (paths from `root`, folders walked) and `extra`, digested. */
export function saltOf(root: string, files: readonly string[], ...extra: string[]): string {
  const hash = digestFiles(createHash('sha256'), root, files);
  for (const value of extra) hash.update('\n').update(value);
  return hash.digest('hex');
}

/** Write a file whole or not at all: to a temporary file beside it, then renamed over it. */
export function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** Values by key in one JSON file: `{ salt, entries }`. */
export class Memo<Value> {
  readonly #file: string;
  readonly #salt: string;
  readonly #previous = new Map<string, Value>();
  readonly #used = new Map<string, Value>();
  #changed = false;
  hits = 0;
  misses = 0;

  constructor(file: string, salt: string) {
    this.#file = file;
    this.#salt = salt;
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { salt?: string; entries?: Record<string, Value> };
      if (stored.salt === salt && stored.entries) for (const [key, value] of Object.entries(stored.entries)) this.#previous.set(key, value);
    } catch {
      // none yet, or unreadable: every value is computed
    }
  }

  /** The value kept for `key`, if any (and it is kept for the next run). */
  get(key: string): Value | undefined {
    const value = this.#used.get(key) ?? this.#previous.get(key);
    if (value === undefined) {
      this.misses += 1;
      return undefined;
    }
    this.hits += 1;
    this.#used.set(key, value);
    return value;
  }

  /** Keep `value` for `key`. */
  set(key: string, value: Value): void {
    if (this.#previous.get(key) !== value) this.#changed = true;
    this.#used.set(key, value);
  }

  /** The value kept for `key`, or `compute()`'s, kept. */
  getOrCompute(key: string, compute: () => Value): Value {
    const value = this.get(key);
    if (value !== undefined) return value;
    const computed = compute();
    this.set(key, computed);
    return computed;
  }

  /** Write what this run used, unless it is what the file holds. */
  save(): void {
    if (!this.#changed && this.#used.size === this.#previous.size) return;
    writeAtomically(this.#file, JSON.stringify({ salt: this.#salt, entries: Object.fromEntries(this.#used) }));
  }
}

/** A digest of strings, as a memo's key. */
export function keyOf(...parts: (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  parts.forEach((part, index) => {
    if (index > 0) hash.update('\n');
    hash.update(part);
  });
  return hash.digest('base64url');
}
