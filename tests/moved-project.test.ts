import assert from 'node:assert/strict';
import { appendFileSync, cpSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { hashTree, listFiles } from './helpers/files.ts';
import { buildIn, copyProject } from './helpers/project-copy.ts';

const cleanups: (() => void)[] = [];
after(() => cleanups.forEach((cleanup) => cleanup()));

/** Cache files (the ingest's, the search step's, Astro's) that name the given folder. */
function cachesNaming(project: string, folder: string): string[] {
  const roots = [join(project, '.cache'), join(project, 'node_modules', '.astro')];
  return roots.flatMap((root) => listFiles(root).map((file) => join(root, file))).filter((file) => readFileSync(file, 'utf8').includes(folder));
}

/** The loader's own count of papers rendered anew and taken from its cache. */
function rendered(log: string): { rendered: number; cached: number } {
  const match = /(\d+) papers, (\d+) rendered, (\d+) from cache/.exec(log);
  assert.ok(match, log);
  return { rendered: Number(match[2]), cached: Number(match[3]) };
}

const ADDED = '\nAbstract:A paper added after the project folder was moved, about caches that must not remember where they were written, so that a renamed atlas builds as fast as one left in place.\n';

test('should build a renamed, then a copied project after a dump changed, from its caches, as a full build would', () => {
  const site = copyProject({ prefix: 'atlas-before-move-' });
  cleanups.push(site.cleanup);
  buildIn(site.dir);
  assert.deepEqual(cachesNaming(site.dir, site.dir), [], 'a cache holds the absolute path of the project');

  // Renamed: the abstracts file, the content store and the search memo come along and still count.
  const moved = `${site.dir}-renamed`;
  renameSync(site.dir, moved);
  cleanups.push(() => rmSync(moved, { recursive: true, force: true }));
  appendFileSync(join(moved, 'seeds', '000_d81bca234a2fd64b.txt'), ADDED);
  const afterMove = buildIn(moved);
  const counts = rendered(afterMove);
  assert.ok(counts.rendered >= 1 && counts.rendered < 40 && counts.cached > 90, `after the move: ${JSON.stringify(counts)}`);
  assert.match(afterMove, /dist\/ is as the last build left it/);
  const incremental = hashTree(join(moved, 'dist'));
  assert.ok([...incremental.keys()].some((file) => file.startsWith('papers/a-paper-added-after-the-project-folder-was-moved')), 'the new paper has a page');

  // Copied (the original stays where it is): the copy builds from its own caches too.
  const copied = `${site.dir}-copied`;
  cpSync(moved, copied, { recursive: true, verbatimSymlinks: true });
  cleanups.push(() => rmSync(copied, { recursive: true, force: true }));
  appendFileSync(join(copied, 'seeds', '000_d81bca234a2fd64b.txt'), ADDED.replace('A paper added', 'Another paper added'));
  const copyCounts = rendered(buildIn(copied));
  assert.ok(copyCounts.rendered >= 1 && copyCounts.rendered < 40, `in the copy: ${JSON.stringify(copyCounts)}`);
  assert.deepEqual(cachesNaming(copied, moved), [], 'the copy reads a cache of the folder it was copied from');

  // The moved project's incremental build is exactly what a full build gives.
  buildIn(moved, {}, ['--force']);
  const full = hashTree(join(moved, 'dist'));
  const differing = [...new Set([...incremental.keys(), ...full.keys()])].filter((file) => incremental.get(file) !== full.get(file));
  assert.deepEqual(differing, []);
});
