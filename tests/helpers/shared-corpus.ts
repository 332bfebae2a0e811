import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readPapers } from '../../scripts/bench/topics-bench.ts';
import type { PaperDraft } from '../../scripts/ingest/types.ts';
import { MANY_FIELDS } from './project-copy.ts';

/**
 * ../shared/corpora/many-fields/ (1,767 real abstracts of 18 fields) read as the ingest reads
 * it (MANY_FIELDS), for the tests of topics and of the map: once per `npm test`, by the global setup
 * (tests/helpers/global-setup.ts), instead of once per test file. Reading it takes seconds (the
 * BibTeX parser's); the drafts come back from JSON as they were (deepStrictEqual).
 */

/** Where the global setup left the drafts: a JSON file named in the test processes' environment. */
const ENV = 'ATLAS_TEST_MANY_FIELDS';

/**
 * Read the corpus in a process of its own (its memory goes when it ends, not into the test
 * runner's) and keep its drafts in a temporary file; returns the file, and names it in the
 * environment the test processes inherit. Without the corpus, nothing: the tests that need it
 * say so themselves.
 */
export async function makeSharedCorpus(): Promise<string | undefined> {
  if (!existsSync(MANY_FIELDS)) return undefined;
  const file = join(tmpdir(), `atlas-many-fields-${process.pid}.json`);
  await promisify(execFile)(process.execPath, [import.meta.filename, file]);
  process.env[ENV] = file;
  return file;
}

export function removeSharedCorpus(file: string | undefined): void {
  if (file) rmSync(file, { force: true });
}

/** The drafts of many-fields: the suite's shared reading, or read here when the file runs alone (`node --test scripts/ingest/assign-topics.test.ts`). */
export function manyFieldsDrafts(): PaperDraft[] {
  const file = process.env[ENV];
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as PaperDraft[];
  return readPapers(MANY_FIELDS);
}

if (import.meta.main) writeFileSync(process.argv[2], JSON.stringify(readPapers(MANY_FIELDS)));
