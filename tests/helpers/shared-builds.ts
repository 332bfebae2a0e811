import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIn, buildInBackground, copyProject } from './project-copy.ts';

/**
 * Builds of the unchanged seeds that several test files start from, made once per `npm test` by
 * the global setup (tests/helpers/global-setup.ts) instead of once per file.
 *
 * A file that only reads a build (serves its pages, compares its files) reads the build itself:
 * `sharedSeeds()`. A file that changes it and builds again gets its own copy (`cp -a`: timestamps
 * kept) from `builtSeeds()`, and removes it when done. The copy is put back in the folder the
 * build ran in, as a CI runner checks out to the same folder every run: Astro's record of
 * unchanged pages names the folder, so a copy anywhere else would render every page once
 * (docs/architecture.md). A test file holds the folder (a lock file) until it removes its copy.
 * A build that several files change is made in as many folders as files run side by side
 * (`folders`), so that one file does not wait for another.
 */
export const SHARED_BUILDS = {
  /** The seeds, built as `npm run build` builds them. */
  seeds: { env: {}, folders: 2 },
  /** The seeds, built for a site hosted at https://atlas.example.net (absolute URLs in citations and feeds). */
  'seeds-hosted': { env: { ATLAS_SITE: 'https://atlas.example.net' }, folders: 1 },
} as const satisfies Record<string, { env: Record<string, string>; folders: number }>;

export type SharedBuild = keyof typeof SHARED_BUILDS;

/** Where the global setup left each shared build: JSON { name: [folder, …] } in the test processes' environment. */
const ENV = 'ATLAS_TEST_SHARED_BUILDS';

/** Where the pristine build is kept while copies use its folder. */
const pristine = (folder: string) => `${folder}.built`;

/**
 * Build every shared build in each of its folders, side by side (the global setup: a build alone
 * leaves a core idle for much of its time); returns their folders, and sets them in the
 * environment the test processes inherit.
 */
export async function makeSharedBuilds(): Promise<Record<string, string[]>> {
  const jobs = Object.entries(SHARED_BUILDS).flatMap(([name, { env, folders }]) => Array.from({ length: folders }, () => ({ name, env })));
  const built = await Promise.all(
    jobs.map(async ({ name, env }) => {
      const site = copyProject({ prefix: `atlas-shared-${name}-` });
      await buildInBackground(site.dir, env);
      renameSync(site.dir, pristine(site.dir));
      return { name, folder: site.dir };
    }),
  );
  const folders: Record<string, string[]> = {};
  for (const { name, folder } of built) (folders[name] ??= []).push(folder);
  process.env[ENV] = JSON.stringify(folders);
  return folders;
}

/** Remove the shared builds (the global teardown). */
export function removeSharedBuilds(folders: Record<string, string[]>): void {
  for (const folder of Object.values(folders).flat()) for (const path of [folder, pristine(folder), lockFile(folder)]) rmSync(path, { recursive: true, force: true });
}

/** The folders the global setup built `name` in, when this file runs under it. */
function sharedFolders(name: SharedBuild): string[] {
  const folders = (JSON.parse(process.env[ENV] ?? '{}') as Record<string, string[]>)[name] ?? [];
  return folders.filter((folder) => existsSync(join(pristine(folder), 'dist')));
}

/**
 * A built project of the seeds to read and never change (no build in it, no file written): the
 * suite's shared build itself, or one built here when the file runs alone
 * (`node --test tests/browser.test.ts`). `cleanup` removes only what was built here.
 */
export function sharedSeeds(name: SharedBuild): { dir: string; cleanup: () => void } {
  const [shared] = sharedFolders(name);
  if (shared) return { dir: pristine(shared), cleanup: () => {} };
  return buildHere(name);
}

/**
 * A built copy of the seeds of its own, to change and build again: copied from the suite's shared
 * build into the folder it was built in (the first such folder no other test file holds), or
 * built here when the file runs alone.
 */
export function builtSeeds(name: SharedBuild): { dir: string; cleanup: () => void } {
  const shared = sharedFolders(name);
  const free = shared.filter((folder) => !held.has(folder));
  if (free.length > 0) {
    const folder = lockAny(free);
    held.add(folder);
    execFileSync('cp', ['-a', pristine(folder), folder]);
    copiedFrom.set(folder, folder);
    return {
      dir: folder,
      cleanup: () => {
        rmSync(folder, { recursive: true, force: true });
        held.delete(folder);
        rmSync(lockFile(folder), { force: true });
      },
    };
  }
  if (shared.length > 0) {
    // This file holds every folder already: a second copy, elsewhere (it renders every page once).
    const dir = join(mkdtempSync(join(tmpdir(), `atlas-${name}-`)), 'project');
    execFileSync('cp', ['-a', pristine(shared[0]), dir]);
    copiedFrom.set(dir, shared[0]);
    return { dir, cleanup: () => rmSync(join(dir, '..'), { recursive: true, force: true }) };
  }
  return buildHere(name);
}

/**
 * Another cold build of `name` than the one `dir` holds (builtSeeds), made in another folder: the
 * suite's other shared build, read in place, or one built here. For checks that the same input
 * gives the same output.
 */
export function otherBuild(name: SharedBuild, dir: string): { dir: string; cleanup: () => void } {
  const other = sharedFolders(name).find((folder) => folder !== copiedFrom.get(dir));
  if (other) return { dir: pristine(other), cleanup: () => {} };
  return buildHere(name);
}

/** A copy of the project built as `name` here, when the file runs alone (`node --test tests/build.test.ts`). */
function buildHere(name: SharedBuild): { dir: string; cleanup: () => void } {
  const site = copyProject();
  buildIn(site.dir, SHARED_BUILDS[name].env);
  return site;
}

/** The shared folders this process holds. */
const held = new Set<string>();
/** The shared folder each copy of this process was made from. */
const copiedFrom = new Map<string, string>();
const lockFile = (folder: string) => `${folder}.lock`;

/**
 * Hold the first of `folders` that no other live test process holds (a file naming this process,
 * created exclusively), waiting until one is let go; returns it.
 */
function lockAny(folders: string[]): string {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    for (const folder of folders) {
      const file = lockFile(folder);
      try {
        writeFileSync(file, String(process.pid), { flag: 'wx' });
        return folder;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      let owner = 0;
      try {
        owner = Number(readFileSync(file, 'utf8'));
      } catch {
        continue; // let go just now: the next round takes it
      }
      if (owner > 0 && !alive(owner)) rmSync(file, { force: true }); // a test process that ended without letting go
    }
    Atomics.wait(pause, 0, 0, 250);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
