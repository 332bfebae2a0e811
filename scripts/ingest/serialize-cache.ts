import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Root } from 'mdast';
import type { Paper } from '../../src/schemas/paper.ts';

/**
 * Writing a paper's MDX (YAML frontmatter and the abstract through mdast-util-to-markdown) is a
 * pure function of its frontmatter and its abstract's mdast, and at 10,000 papers it takes
 * about 1.8 s. This cache keeps each paper's MDX under a digest of both, and of the code and
 * dependencies that write it, so a build where one dump changed writes only the papers it
 * changed. It lives in .cache/atlas/ (never committed; deleting it costs one slower ingest)
 * and holds only what the last run wrote.
 */
export class SerializeCache {
  private readonly previous: Map<string, string>;
  private readonly used = new Map<string, string>();
  private readonly salt: string;
  private readonly file: string;
  hits = 0;

  constructor(file: string, codeFiles: readonly string[]) {
    this.file = file;
    const salt = createHash('sha256');
    for (const code of codeFiles) salt.update(readFileSync(code));
    this.salt = salt.digest('hex');
    this.previous = new Map();
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { salt: string; entries: Record<string, string> };
      if (stored.salt === this.salt) for (const [key, value] of Object.entries(stored.entries)) this.previous.set(key, value);
    } catch {
      // No cache yet, or an unreadable one: every paper is written out.
    }
  }

  /** The MDX of a paper: from the cache when its frontmatter and body are those of a paper already written. */
  get(frontmatter: Paper, body: Root, write: () => string): string {
    const key = createHash('sha256').update(JSON.stringify(frontmatter)).update('\n').update(JSON.stringify(body)).digest('base64url');
    let text = this.previous.get(key);
    if (text === undefined) text = write();
    else this.hits += 1;
    this.used.set(key, text);
    return text;
  }

  /** Store what this run used (atomically: a half-written cache is never read), unless that is what is stored. */
  save(): void {
    // Every paper came from the cache and none was dropped: the file already holds exactly this.
    if (this.hits === this.used.size && this.used.size === this.previous.size) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = join(dirname(this.file), `.${process.pid}.tmp`);
    writeFileSync(temporary, JSON.stringify({ salt: this.salt, entries: Object.fromEntries(this.used) }));
    renameSync(temporary, this.file);
  }
}
