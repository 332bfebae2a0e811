import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { hashTree, listFiles } from './helpers/files.ts';
import { tmpdir } from 'node:os';
import { buildReport, stepFacts } from './helpers/project-copy.ts';
import type { BuildReport } from '../scripts/build/build-log.ts';
import { builtSeeds } from './helpers/shared-builds.ts';

// The search index rebuilt whole on every change (no recent index), so dist/ can be compared
// byte for byte with a full build (tests/search-index.test.ts covers the recent index).
const buildIn = (dir: string, env: Record<string, string> = {}, args: string[] = []) => buildReport(dir, { ATLAS_SEARCH_RECENT_SHARE: '0', ...env }, args);

const cleanups: (() => void)[] = [];
after(() => cleanups.forEach((cleanup) => cleanup()));

/** Cache files (the ingest's, the search step's, Astro's) that name the given folder. */
function cachesNaming(project: string, folder: string): string[] {
  const roots = [join(project, '.cache'), join(project, 'node_modules', '.astro')];
  // The build report (.cache/atlas/build-report.*) is a log of the last build, not a cache: it may name the folder.
  return roots.flatMap((root) => listFiles(root).filter((file) => !/build-report\.(txt|json)$/.test(file)).map((file) => join(root, file))).filter((file) => readFileSync(file, 'utf8').includes(folder));
}

/** What a build took from its caches: abstracts rendered anew and from cache, pages kept. */
function reuse(report: BuildReport): { rendered: number; cached: number; pagesKept: number } {
  const site = stepFacts(report, 'site');
  return { rendered: site.abstracts.rendered, cached: site.abstracts.fromCache, pagesKept: site.kept };
}

const ADDED = '\nAbstract:A paper added after the project folder was moved, about caches that must not remember where they were written, so that a renamed atlas builds as fast as one left in place.\n';

test('should build a renamed project after a dump changed from its caches: the same site as the same change in place, no abstract rendered again', () => {
  // The suite's shared build of the seeds, copied: built in another folder under the same tmpdir.
  const site = builtSeeds('seeds');
  cleanups.push(site.cleanup);
  assert.deepEqual(cachesNaming(site.dir, join(tmpdir(), 'atlas-')), [], 'a cache holds the absolute path of the project it was built in');

  // A twin of the built project (`cp -a` keeps timestamps to the nanosecond, as a move does), renamed.
  const twin = `${site.dir}-twin`;
  const moved = `${site.dir}-renamed`;
  execFileSync('cp', ['-a', site.dir, twin]);
  renameSync(twin, moved);
  cleanups.push(() => rmSync(moved, { recursive: true, force: true }));

  // The same change in both; each builds incrementally.
  for (const dir of [site.dir, moved]) appendFileSync(join(dir, 'seeds', '000_d81bca234a2fd64b.txt'), ADDED);
  const inPlace = reuse(buildIn(site.dir));
  const afterMove = reuse(buildIn(moved));
  assert.ok(inPlace.rendered < 40 && inPlace.pagesKept > 50, `in place: ${JSON.stringify(inPlace)}`);
  // Astro's record of unchanged pages names the folder: a moved project renders its pages once
  // (docs/architecture.md), but its abstracts come from their store as in place.
  assert.deepEqual([afterMove.rendered, afterMove.cached], [inPlace.rendered, inPlace.cached], 'the renamed project rendered abstracts the same change in place took from its store');
  const incremental = hashTree(join(moved, 'dist'));
  assert.deepEqual(incremental, hashTree(join(site.dir, 'dist')), 'the renamed project built another site');
  assert.ok([...incremental.keys()].some((file) => file.startsWith('papers/a-paper-added-after-the-project-folder-was-moved')), 'the new paper has a page');
  assert.deepEqual(cachesNaming(moved, site.dir), [], 'the renamed project still reads a cache of its old folder');
  // The moved project rendered every page, the one in place only what changed: the same dist/
  // above is also an incremental build checked against a full render (and tests/build.test.ts
  // checks one against `--force`).
  assert.ok(afterMove.pagesKept < inPlace.pagesKept, `moved: ${JSON.stringify(afterMove)}`);
});
