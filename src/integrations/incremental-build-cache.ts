import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The methods of Astro's internal IncrementalBuildCache that this project's integrations adjust. */
export interface IncrementalBuildCachePrototype {
  canSkip?: (route: string, pathname: string, dependencyHash: string, ...rest: unknown[]) => boolean;
  writeOutputFile?: (...args: unknown[]) => Promise<void>;
  restoreOutputFile?: (...args: unknown[]) => Promise<boolean>;
}

/**
 * The prototype of Astro's IncrementalBuildCache (core/build/incremental.js), an internal
 * class: callers check that the methods they patch exist and warn when they do not.
 */
export async function incrementalBuildCache(): Promise<IncrementalBuildCachePrototype> {
  const astro = createRequire(import.meta.url).resolve('astro');
  const module = (await import(pathToFileURL(join(dirname(astro), 'core', 'build', 'incremental.js')).href)) as {
    IncrementalBuildCache?: { prototype: IncrementalBuildCachePrototype };
  };
  if (!module.IncrementalBuildCache) throw new Error('IncrementalBuildCache is gone');
  return module.IncrementalBuildCache.prototype;
}
