import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIn, copyProject } from './project-copy.ts';

/**
 * Builds of the unchanged seeds that several test files start from, made once per `npm test` by
 * the global setup (tests/helpers/global-setup.ts) instead of once per file. A file gets its own
 * copy (`cp -a`: timestamps kept, as a move keeps them), which it may change and build again.
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

/** Build every shared build (the global setup); returns their folders, and sets them in the environment the test processes inherit. */
export function makeSharedBuilds(): Record<string, string> {
  const folders: Record<string, string> = {};
  for (const [name, env] of Object.entries(SHARED_BUILDS)) {
    const site = copyProject({ prefix: `atlas-shared-${name}-` });
    buildIn(site.dir, env);
    folders[name] = site.dir;
  }
  process.env[ENV] = JSON.stringify(folders);
  return folders;
}

/**
 * A built copy of the seeds of its own: copied from the suite's shared build, or built here when
 * the file runs alone (`node --test tests/browser.test.ts`).
 */
export function builtSeeds(name: SharedBuild): { dir: string; cleanup: () => void } {
  const shared = (JSON.parse(process.env[ENV] ?? '{}') as Record<string, string>)[name];
  if (shared && existsSync(join(shared, 'dist'))) {
    const dir = join(mkdtempSync(join(tmpdir(), `atlas-${name}-`)), 'project');
    execFileSync('cp', ['-a', shared, dir]);
    return { dir, cleanup: () => rmSync(join(dir, '..'), { recursive: true, force: true }) };
  }
  const site = copyProject();
  buildIn(site.dir, SHARED_BUILDS[name]);
  return site;
}
