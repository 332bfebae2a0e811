import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { digestFiles } from '../lib/digest-files.ts';
import { PAGE_CODE } from '../lib/inputs.ts';
import { incrementalBuildCache } from './incremental-build-cache.ts';

/** What the last build recorded of where it ran and of its code, in Astro's cache folder. */
const RECORD = 'atlas-route-hashes.json';
/** Everything that makes the code of the pages, as paths from the project root. */
const CODE = PAGE_CODE;

interface BuildRecord {
  /** A digest of the project folder the last build ran in (no path is stored: the cache may be copied anywhere). */
  root: string;
  /** A digest of the code (paths from the root and bytes), the same wherever the folder is. */
  code: string;
}

/** A digest of the pages' code that does not depend on where the project folder is. */
export function codeDigest(root: string): string {
  return digestFiles(createHash('sha256'), root, CODE).digest('hex');
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/**
 * Astro's incremental build skips a page only when its route's dependency hash is the last
 * build's, and that hash covers the module ids, which are absolute paths: in a renamed or
 * copied project every page was rendered again. When the last build ran in another folder on
 * exactly the same code (by a digest of paths from the root and bytes), each route's hash is
 * taken to be the one it had there. Any change to the code, or a build in the same folder,
 * leaves Astro's check as it is. This reaches into Astro's internals (IncrementalBuildCache);
 * if they change, a warning says so and a moved project is simply rendered in full once.
 */
async function trustRouteHashes(routes: Record<string, { dependencyHash?: string }>, logger: AstroIntegrationLogger): Promise<void> {
  try {
    const prototype = await incrementalBuildCache();
    const canSkip = prototype.canSkip;
    if (typeof canSkip !== 'function') throw new Error('IncrementalBuildCache has changed');
    prototype.canSkip = function (route, pathname, dependencyHash, ...rest) {
      return canSkip.call(this, route, pathname, routes[route]?.dependencyHash ?? dependencyHash, ...rest);
    };
    logger.info('The project was built in another folder with the same code: its unchanged pages are kept.');
  } catch (error) {
    logger.warn(`This project was moved since its last build, so every page is rendered again (Astro's internals are not what src/integrations/portable-route-hashes.ts expects: ${(error as Error).message}).`);
  }
}

/** Keep a moved or copied project's incremental build: see {@link trustRouteHashes}. */
export function portableRouteHashes(): AstroIntegration {
  let record: BuildRecord | undefined;
  let recordPath = '';
  return {
    name: 'abstract-atlas:portable-route-hashes',
    hooks: {
      'astro:config:setup': async ({ config, command, logger }) => {
        if (command !== 'build') return;
        const root = fileURLToPath(config.root);
        const cacheDir = fileURLToPath(config.cacheDir);
        recordPath = join(cacheDir, RECORD);
        record = { root: createHash('sha256').update(root).digest('hex'), code: codeDigest(root) };
        const last = readJson<BuildRecord>(recordPath);
        const manifest = readJson<{ routes?: Record<string, { dependencyHash?: string }> }>(join(cacheDir, 'incremental-build.json'));
        if (last && manifest?.routes && last.root !== record.root && last.code === record.code) await trustRouteHashes(manifest.routes, logger);
      },
      'astro:build:done': () => {
        if (record) writeFileSync(recordPath, `${JSON.stringify(record)}\n`);
      },
    },
  };
}
