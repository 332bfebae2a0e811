import { makeSharedBuilds, removeSharedBuilds } from './shared-builds.ts';
import { makeSharedCorpus, removeSharedCorpus } from './shared-corpus.ts';

/**
 * `npm test`'s global setup: the builds several test files start from (tests/helpers/shared-builds.ts)
 * and the many-fields corpus several read (tests/helpers/shared-corpus.ts), once, side by side.
 */
let folders: Record<string, string[]> = {};
let corpus: string | undefined;

export async function globalSetup(): Promise<void> {
  [folders, corpus] = await Promise.all([makeSharedBuilds(), makeSharedCorpus()]);
}

export function globalTeardown(): void {
  removeSharedBuilds(folders);
  removeSharedCorpus(corpus);
}
