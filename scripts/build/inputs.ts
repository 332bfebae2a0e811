import { createHash } from 'node:crypto';
import { DEPRECATED_ENV } from '../../src/lib/atlas-config.ts';
import { digestFiles } from './digest-files.ts';

/**
 * What a build reads, in one place: every digest of the build (the build id that names the
 * offline cache, the nothing-changed record, the caches' salts, the routes' code hashes) takes
 * its entries from here, so that none of them can leave out what another counts.
 */
export const INPUTS = {
  /** The dumps: what the ingest reads. */
  dumps: ['seeds'],
  /** What the ingest writes and the site reads: papers, listings, topics, the map, the registries, pinned topics. */
  content: ['content'],
  /** The site: its code, its static files, and astro.config.mjs (the atlas's options are in it). */
  site: ['src', 'public', 'astro.config.mjs'],
  /** The build's own steps: the ingest, the search index, the offline worker. */
  steps: ['scripts'],
  /** The dependencies and the compiler's settings. */
  packages: ['package.json', 'package-lock.json', 'tsconfig.json'],
} as const;

/** Every input, for the nothing-changed record (scripts/build.ts). */
export const ALL_INPUTS: readonly string[] = Object.values(INPUTS).flat();

/** What dist/ is made from: every input but the dumps (content/ holds all the site takes from them). */
export const OUTPUT_INPUTS: readonly string[] = [...INPUTS.content, ...INPUTS.site, ...INPUTS.steps, ...INPUTS.packages];


/** The code that reads and normalizes a dump, for the dump cache's salt (scripts/ingest/dump-cache.ts). */
export const INGEST_CODE: readonly string[] = ['scripts/ingest', 'src/lib', 'src/schemas', 'package-lock.json'];

/** The code that matches papers to pinned topics, for the topic memo's salt (scripts/ingest/classify-topics.ts). */
export const TOPIC_CODE: readonly string[] = ['scripts/ingest/classify-topics.ts', 'scripts/ingest/text-tokens.ts', 'scripts/ingest/derive-title.ts', 'package-lock.json'];

/** Settings from the environment that change the output without changing a file. */
export const SETTINGS: readonly string[] = ['ATLAS_SITE', 'ATLAS_BASE', ...Object.keys(DEPRECATED_ENV)];

/**
 * The id of a build: the settings and the bytes of everything dist/ is made from (OUTPUT_INPUTS).
 * The offline worker caches one build under it and keeps a page fetched later only if the
 * server still names the same id, so it must change whenever dist/ can. `settings` are the
 * environment's (SETTINGS) and `site`/`base` as Astro resolved them.
 */
export function buildIdOf(root: string, settings: { site: string; base: string; env: NodeJS.ProcessEnv }): string {
  const hash = createHash('sha256').update(`${settings.site}\n${settings.base}\n`);
  for (const name of SETTINGS) hash.update(`${name}=${settings.env[name] ?? ''}\n`);
  return digestFiles(hash, root, OUTPUT_INPUTS).digest('hex').slice(0, 16);
}
