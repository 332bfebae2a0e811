import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIn, buildInBackground, copyProject } from './project-copy.ts';

/**
 * Builds of the unchanged seeds that several test files start from, made once per `npm test` by
 * the global setup (tests/helpers/global-setup.ts) instead of once per file. A file gets its own
 * copy (`cp -a`: timestamps kept), which it may change and build again, and which it removes
 * when done. The copy is put back in the folder the build ran in, as a CI runner checks out to
 * the same folder every run: Astro's record of unchanged pages names the folder, so a copy
 * anywhere else would render every page once (docs/architecture.md). A test file holds the
 * folder (a lock file) until it removes its copy; another file waits for it.
 */
export const SHARED_BUILDS = {
  /** The seeds, built as `npm run build` builds them. */
  seeds: {},
  /** The seeds, built for a site hosted at https://atlas.example.net (absolute URLs in citations and feeds). */
  'seeds-hosted': { ATLAS_SITE: 'https://atlas.example.net' },
} as const satisfies Record<string, Record<string, string>>;

export type SharedBuild = keyof typeof SHARED_BUILDS;

/** Where the global setup left each shared build: JSON { name: folder } in the test processes' environment. */
const ENV = 'ATLAS_TEST_SHARED_BUILDS';

/** Where the pristine build is kept while copies use its folder. */
const pristine = (folder: string) => `${folder}.built`;

/**
 * Build every shared build, side by side (the global setup: a build alone leaves a core idle for
 * much of its time); returns their folders, and sets them in the environment the test processes
 * inherit.
 */
export async function makeSharedBuilds(): Promise<Record<string, string>> {
  const folders: Record<string, string> = {};
  await Promise.all(
    Object.entries(SHARED_BUILDS).map(async ([name, env]) => {
      const site = copyProject({ prefix: `atlas-shared-${name}-` });
      await buildInBackground(site.dir, env);
      renameSync(site.dir, pristine(site.dir));
      folders[name] = site.dir;
    }),
  );
  process.env[ENV] = JSON.stringify(folders);
  return folders;
}

/** Remove the shared builds (the global teardown). */
export function removeSharedBuilds(folders: Record<string, string>): void {
  for (const folder of Object.values(folders)) for (const path of [folder, pristine(folder), lockFile(folder)]) rmSync(path, { recursive: true, force: true });
}

/**
 * A built copy of the seeds of its own: copied from the suite's shared build, or built here when
 * the file runs alone (`node --test tests/browser.test.ts`).
 */
export function builtSeeds(name: SharedBuild): { dir: string; cleanup: () => void } {
  const shared = (JSON.parse(process.env[ENV] ?? '{}') as Record<string, string>)[name];
  if (shared && existsSync(join(pristine(shared), 'dist'))) {
    // The build's own folder, once no other test file holds it (files may run side by side).
    if (!held.has(shared)) {
      lock(shared);
      held.add(shared);
      execFileSync('cp', ['-a', pristine(shared), shared]);
      return {
        dir: shared,
        cleanup: () => {
          rmSync(shared, { recursive: true, force: true });
          held.delete(shared);
          rmSync(lockFile(shared), { force: true });
        },
      };
    }
    // This file holds it already: a second copy, elsewhere (it renders every page once).
    const dir = join(mkdtempSync(join(tmpdir(), `atlas-${name}-`)), 'project');
    execFileSync('cp', ['-a', pristine(shared), dir]);
    return { dir, cleanup: () => rmSync(join(dir, '..'), { recursive: true, force: true }) };
  }
  const site = copyProject();
  buildIn(site.dir, SHARED_BUILDS[name]);
  return site;
}

/** The shared folders this process holds. */
const held = new Set<string>();
const lockFile = (folder: string) => `${folder}.lock`;

/** Wait until no other live test process holds `folder`, then hold it (a file naming this process, created exclusively). */
function lock(folder: string): void {
  const file = lockFile(folder);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let owner = 0;
    try {
      owner = Number(readFileSync(file, 'utf8'));
    } catch {
      continue; // let go just now: try again
    }
    if (owner > 0 && !alive(owner)) rmSync(file, { force: true }); // a test process that ended without letting go
    else Atomics.wait(pause, 0, 0, 250);
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
