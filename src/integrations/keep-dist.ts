import { existsSync, readdirSync, rmdirSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { listFiles } from '../../scripts/build/list-files.ts';
import { incrementalBuildCache } from './astro-internals.ts';
import { bibtexOutputs } from './bibtex-files.ts';

/**
 * Set by `npm run build` (scripts/build.ts) when dist/ is exactly as its last build left it.
 * Astro then leaves dist/ in place instead of emptying it, and a page unchanged since that build
 * (see src/lib/cache-key.ts) is kept where it is rather than copied back from Astro's cache:
 * at 10,000 papers that is 20,000 files not written. Astro alone (`astro build`) empties dist/.
 */
export const KEEP_DIST_ENV = 'ATLAS_KEEP_DIST';
/** dist/'s folder for the search index, left to the search step. */
const SEARCH_INDEX = 'pagefind';

/**
 * Astro's incremental build writes every page it renders twice: to dist/ and to a copy in its
 * cache folder (`node_modules/.astro/dist/`), from which it restores skipped pages after it
 * has emptied dist/. `npm run build` never needs the copies: it keeps dist/ in place, and when
 * it cannot (first build, dist/ edited) it renders every page. Writing them cost a 10,000-paper
 * cold build 4 s of its 20 s of page rendering (20,000 more files, 350 MB). So when run by
 * `npm run build`, no copy is written or restored, and copies an `astro build` left are
 * deleted (a page rendered since has no copy, and an old one must never be restored). This
 * reaches into Astro's internals (its IncrementalBuildCache class): if they change, a warning
 * says so and Astro's own behaviour stays, slower but correct. `astro build` alone is left as is.
 */
async function skipOutputCopies(cacheDir: URL, logger: AstroIntegrationLogger): Promise<void> {
  try {
    const prototype = await incrementalBuildCache();
    if (typeof prototype.writeOutputFile !== 'function' || typeof prototype.restoreOutputFile !== 'function') throw new Error('IncrementalBuildCache has changed');
    prototype.writeOutputFile = async () => {};
    prototype.restoreOutputFile = async () => false;
  } catch (error) {
    logger.warn(`Astro keeps a copy of every page in its cache folder (this Astro's internals are not what src/integrations/keep-dist.ts expects: ${(error as Error).message}).`);
    return;
  }
  const copies = fileURLToPath(new URL('dist/', cacheDir));
  if (existsSync(copies)) rmSync(copies, { recursive: true, force: true });
}

/** Delete folders left empty below `dir` (not `dir` itself). */
function removeEmptyDirs(dir: string): boolean {
  let empty = true;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && removeEmptyDirs(join(dir, entry.name))) rmdirSync(join(dir, entry.name));
    else empty = false;
  }
  return empty;
}

/**
 * When dist/ is kept, what this build did not write must go: the pages of routes that are gone
 * (a topic with no paper left, a listing page past the new last one), the assets of the last
 * build, the last offline worker (its step writes it anew). The search index (dist/pagefind/)
 * is left to the search step, which keeps the main index when it can. A file stays
 * when this build wrote it (modified since the build started: pages, assets, public/, sitemap)
 * or kept it (every path Astro reports for a route, written or left in place).
 */
export function keepDist(): AstroIntegration {
  const enabled = process.env[KEEP_DIST_ENV] === '1';
  let started = 0;
  return {
    name: 'abstract-atlas:keep-dist',
    hooks: {
      'astro:config:setup': async ({ updateConfig, config, command, logger }) => {
        if (enabled) updateConfig({ vite: { build: { emptyOutDir: false } } });
        // Set to 1 or 0 by `npm run build`, which never needs Astro's copies of the pages.
        if (command === 'build' && process.env[KEEP_DIST_ENV] !== undefined) await skipOutputCopies(config.cacheDir, logger);
      },
      'astro:build:start': () => {
        started = Date.now();
      },
      'astro:build:done': ({ dir, assets, logger }) => {
        if (!enabled) return;
        const root = fileURLToPath(dir);
        const kept = new Set([...[...assets.values()].flat().map((url) => fileURLToPath(url)), ...bibtexOutputs]);
        let removed = 0;
        // The search index is the next step's: it keeps the main index when only a few papers changed (scripts/index-search.ts).
        for (const file of listFiles(root).filter((name) => !name.startsWith(`${SEARCH_INDEX}/`)).map((name) => join(root, name))) {
          if (kept.has(file) || statSync(file).mtimeMs >= started) continue;
          unlinkSync(file);
          removed += 1;
        }
        removeEmptyDirs(root);
        logger.info(`dist/ kept: ${kept.size} pages and files of this build, written or left as they were; ${removed} files of the last build removed (gone routes, old assets, the offline worker, written again next; the search index is the next step's)`);
      },
    },
  };
}
