import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** The file src/pages/atlas-search-records.json.ts renders into dist/. */
export const RECORDS_ROUTE = 'atlas-search-records.json';
/** Where the index step (scripts/index-search.ts) reads it, relative to the project root. */
export const RECORDS_FILE = join('.cache', 'atlas', 'search-records.json');

/**
 * Moves the search records the build rendered out of dist/ (they are for the index step, not
 * for readers) to .cache/atlas/search-records.json. Must come before keepDist() in the
 * integrations, so that dist/ never lists the file.
 */
export function searchRecords(): AstroIntegration {
  let root = process.cwd();
  return {
    name: 'abstract-atlas:search-records',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': ({ dir, logger }) => {
        const rendered = join(fileURLToPath(dir), RECORDS_ROUTE);
        if (!existsSync(rendered)) {
          logger.warn(`${RECORDS_ROUTE} was not built (src/pages/${RECORDS_ROUTE}.ts): the search index cannot be built`);
          return;
        }
        const target = join(root, RECORDS_FILE);
        mkdirSync(dirname(target), { recursive: true });
        renameSync(rendered, target);
      },
    },
  };
}
