import { createHash } from 'node:crypto';

/**
 * Incremental builds (`experimental.incrementalBuild` in astro.config.mjs): Astro copies a
 * page from its previous build instead of rendering it again when the page's code is unchanged
 * and the `cacheKey` its `getStaticPaths` returned is the same as last time. So a page's key
 * must cover everything the page shows that is not code: its props, and whatever else its
 * template reads (topic names, listing labels). A key that misses something leaves a stale
 * page; tests/build.test.ts checks that an incremental build equals a full one.
 */

/** Maps and sets as their entries: `JSON.stringify` would write them as `{}`. */
function plain(_key: string, value: unknown): unknown {
  if (value instanceof Map) return [...value];
  if (value instanceof Set) return [...value];
  return value;
}

const hash = (text: string) => createHash('sha256').update(text).digest('base64url');

/** A content collection entry (a paper with its rendered abstract…), which many pages show. */
function isEntry(value: unknown): value is object {
  return typeof value === 'object' && value !== null && 'collection' in value && 'id' in value && 'data' in value;
}

/** Each entry is hashed once per build, however many pages show it (a paper is in ~10). */
const entryDigests = new WeakMap<object, string>();

function withEntryDigests(key: string, value: unknown): unknown {
  if (isEntry(value)) {
    let known = entryDigests.get(value);
    if (known === undefined) {
      known = hash(JSON.stringify(value, plain));
      entryDigests.set(value, known);
    }
    return `entry:${known}`;
  }
  return plain(key, value);
}

/** A digest of any JSON-like data. */
export function digest(data: unknown): string {
  return hash(JSON.stringify(data, withEntryDigests) ?? 'undefined');
}

/**
 * Give each of a route's paths a `cacheKey`: the digest of its props, of what `own` adds for
 * that path, and of `shared` — data every page of the route reads besides its props.
 */
export function withCacheKeys<Path extends { props?: unknown }>(
  paths: Path[],
  shared: unknown,
  own: (path: Path) => unknown = () => null,
): (Path & { cacheKey: string })[] {
  const sharedKey = digest(shared);
  return paths.map((path) => ({ ...path, cacheKey: digest([sharedKey, path.props ?? null, own(path)]) }));
}
