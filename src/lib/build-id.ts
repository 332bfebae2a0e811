import { buildIdOf } from '../../scripts/build/inputs.ts';

let cached: string | undefined;

/**
 * An id for this build, from everything dist/ is made of (scripts/build/inputs.ts) and where the site
 * is hosted. The service worker caches one build under this id and keeps a page fetched later
 * only if it carries the same id, so a reader never gets pages of one build with the search
 * index of another. Same inputs, same id.
 */
export function buildId(): string {
  cached ??= buildIdOf(process.cwd(), { site: import.meta.env.SITE ?? '', base: import.meta.env.BASE_URL, env: process.env });
  return cached;
}
