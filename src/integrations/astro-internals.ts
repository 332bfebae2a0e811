import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Every place the atlas relies on Astro's internals, in one module. docs/architecture.md says
 * what each buys and how it fails safe; tests/astro-internals.test.ts checks each against the
 * installed Astro ({@link checkAstroInternals}) and fails when one has changed, so that an
 * upgrade of Astro says so at once rather than through a slower build.
 *
 * 1. The content store's module (src/integrations/data-store-module.ts): its resolved id, the
 *    file it is made from, and its form, `export default JSON.parse("…")`.
 * 2. The IncrementalBuildCache class (src/integrations/keep-dist.ts): its methods that copy each
 *    page into Astro's cache folder and restore it.
 * 3. Astro's `--json` log (scripts/build.ts): the line per page and the labels of its phases,
 *    which the build follows for its progress bar and its page counts.
 * 4. The dev server's event that empties its cache of pages' paths (src/integrations/dev-ingest.ts),
 *    sent again once the pages being answered while the content changed are done.
 */

/** Astro's module holding the content store, once resolved (astro/dist/content/consts.js: RESOLVED_DATA_STORE_VIRTUAL_ID). */
export const DATA_STORE_MODULE = '\0astro:data-layer-content';
/** The file in Astro's cache folder that module is made from in a build (astro/dist/content/paths.js: getDataStoreFile). */
export const DATA_STORE_FILE = 'data-store.json';
/** How the module begins and ends (astro/dist/content/vite-plugin-content-virtual-mod.js). */
export const DATA_STORE_PREFIX = 'export default JSON.parse(';
export const DATA_STORE_SUFFIX = ')';

/**
 * The event that makes the dev server's page runners empty their cache of `getStaticPaths()`
 * results (astro/dist/core/app/entrypoints/virtual/dev.js), and the Vite environments Astro
 * sends it to when the content store changes (content/vite-plugin-content-virtual-mod.js).
 */
export const CONTENT_CHANGED_EVENT = 'astro:content-changed';
export const PAGE_ENVIRONMENTS = ['ssr', 'prerender'] as const;

/** The methods of Astro's internal IncrementalBuildCache that keep-dist replaces. */
export interface IncrementalBuildCachePrototype {
  writeOutputFile?: (...args: unknown[]) => Promise<void>;
  restoreOutputFile?: (...args: unknown[]) => Promise<boolean>;
}

/** A file of the installed Astro's `dist/`. */
function astroFile(path: string): string {
  return join(dirname(createRequire(import.meta.url).resolve('astro')), path);
}

/**
 * The prototype of Astro's IncrementalBuildCache (core/build/incremental.js), an internal
 * class: callers check that the methods they replace exist and warn when they do not.
 */
export async function incrementalBuildCache(): Promise<IncrementalBuildCachePrototype> {
  const module = (await import(pathToFileURL(astroFile(join('core', 'build', 'incremental.js'))).href)) as {
    IncrementalBuildCache?: { prototype: IncrementalBuildCachePrototype };
  };
  if (!module.IncrementalBuildCache) throw new Error('IncrementalBuildCache is gone');
  return module.IncrementalBuildCache.prototype;
}

/** Astro's `--json` log, as scripts/build.ts follows it. */
export const ASTRO_LOG = {
  /** A page generated: `├─ /papers/x/index.html (+3ms)`, with no label. */
  pageLine: /^\s*[├└]─ /,
  /** The label of the lines about generating pages. */
  generatingLabel: 'SKIP_FORMAT',
  /** In such a line: the start of page generation, and a page kept from the last build. */
  generating: 'generating static routes',
  kept: '(cached)',
  /** The content layer's phase lines, labelled `content`. */
  syncing: 'Syncing content',
  synced: 'Synced content',
  /** The bundling phase's line, labelled `build`. */
  bundling: 'Building static entrypoints',
} as const;

/**
 * What no longer holds of the above in the installed Astro: an empty list when every touchpoint
 * is as this module expects. Read from Astro's own files (the log lines are checked by a build:
 * tests/build-log.test.ts).
 */
export async function checkAstroInternals(): Promise<string[]> {
  const problems: string[] = [];
  const source = (path: string) => {
    try {
      return readFileSync(astroFile(path), 'utf8');
    } catch {
      problems.push(`astro/dist/${path} is gone`);
      return '';
    }
  };
  const consts = source(join('content', 'consts.js'));
  if (consts && (!consts.includes('const DATA_STORE_VIRTUAL_ID = "astro:data-layer-content"') || !consts.includes('RESOLVED_DATA_STORE_VIRTUAL_ID = "\\0" + DATA_STORE_VIRTUAL_ID'))) problems.push(`the content store's module is no longer ${JSON.stringify(DATA_STORE_MODULE)}`);
  if (consts && !consts.includes(`const DATA_STORE_FILE = "${DATA_STORE_FILE}"`)) problems.push(`the content store's file is no longer ${DATA_STORE_FILE}`);
  const virtualModule = source(join('content', 'vite-plugin-content-virtual-mod.js'));
  if (virtualModule && !virtualModule.includes('code: `export default JSON.parse(${JSON.stringify(jsonData)})`')) problems.push(`the content store's module is no longer written as ${DATA_STORE_PREFIX}"…"${DATA_STORE_SUFFIX}`);
  if (virtualModule && !virtualModule.includes(`environment.hot.send("${CONTENT_CHANGED_EVENT}", {});`)) problems.push(`the dev server no longer sends ${CONTENT_CHANGED_EVENT} when the content store changes`);
  for (const name of PAGE_ENVIRONMENTS) {
    if (virtualModule && !virtualModule.includes(`ASTRO_VITE_ENVIRONMENT_NAMES.${name}`)) problems.push(`the content store no longer tells the ${name} environment it changed`);
  }
  const devApp = source(join('core', 'app', 'entrypoints', 'virtual', 'dev.js'));
  if (devApp && !/import\.meta\.hot\.on\("astro:content-changed", \(\) => \{\s*getRouteCache\(manifest\)\.clearAll\(\);/.test(devApp)) problems.push(`the dev server no longer empties its route cache on ${CONTENT_CHANGED_EVENT}`);
  const paths = source(join('content', 'paths.js'));
  if (paths && !paths.includes('new URL(DATA_STORE_FILE, isDev ? settings.dotAstroDir : settings.config.cacheDir)')) problems.push("a build no longer reads the content store from Astro's cache folder");
  try {
    const prototype = await incrementalBuildCache();
    for (const method of ['writeOutputFile', 'restoreOutputFile'] as const) {
      if (typeof prototype[method] !== 'function') problems.push(`IncrementalBuildCache has no ${method}()`);
    }
  } catch (error) {
    problems.push((error as Error).message);
  }
  return problems;
}
