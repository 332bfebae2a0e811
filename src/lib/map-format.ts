/**
 * The map's files (`/map/`), as the site writes them and the map page reads them: one module for
 * both sides, so that the two cannot disagree.
 *
 * - `map/points.bin`: every point's x, then every y, then every topic (the index into the page's
 *   list of topics), each as unsigned 16-bit little-endian numbers, in the points' order (along
 *   a Hilbert curve over the map, so that a region's points are mostly one chunk);
 * - `map/titles/<n>.json`: `[slug, title]` of points n·TITLE_CHUNK … (n + 1)·TITLE_CHUNK − 1,
 *   fetched when a point of the chunk is first shown;
 * - `map/find/<b>.json`: slug → [point, …points of its related papers], for the papers whose
 *   slug hashes to bucket b: how `?paper=…` finds its point without every slug;
 * - `pagefind/atlas-map-ids.json` (scripts/index-search.ts): Pagefind result id → point, so a
 *   search highlights its results without fetching a fragment per result.
 */

/** Points per titles file. */
export const TITLE_CHUNK = 1000;
/** Papers per `find/` bucket, about. */
const PER_BUCKET = 2000;
/** The grid points are on (scripts/ingest/layout-map.ts): 0 … MAP_SIZE in each direction. */
export const MAP_SIZE = 65535;
/** Colours on the map: Paul Tol's colour-blind-safe sets, 'muted' in light and 'light' in dark (src/styles). */
export const MAP_COLOURS = 9;
/** The index file Pagefind result ids are looked up in, inside the Pagefind bundle. */
export const MAP_IDS_FILE = 'atlas-map-ids.json';

/** How many `find/` buckets a map of `count` points has. */
export function bucketCount(count: number): number {
  return Math.max(1, Math.ceil(count / PER_BUCKET));
}

/** FNV-1a of a string's UTF-16 code units, from `seed` (the standard offset basis by default): an unsigned 32-bit number. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let index = 0; index < text.length; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}

/** The `find/` bucket of a slug. */
export function bucketOf(slug: string, buckets: number): number {
  return fnv1a(slug) % buckets;
}

/** A topic as the map page lists it. */
export interface MapTopic {
  slug: string;
  name: string;
  /** Its papers on the map (primary topic). */
  size: number;
  /** Its colour, 0 … MAP_COLOURS − 1. */
  colour: number;
  /** Where its label goes: its most central paper's point. */
  x: number;
  y: number;
  /** Its area, when the collection has areas. */
  area?: string;
}

/** What the map page hands its script (a JSON block in the page). */
export interface MapMeta {
  count: number;
  topics: MapTopic[];
  /** True when colours stand for areas (many topics), false when each topic has its own. */
  byArea: boolean;
  buckets: number;
  /** Where the files are: `map/`, and the Pagefind bundle; and where papers are. */
  files: string;
  bundle: string;
  papers: string;
}

/** The Hilbert-curve index of cell (x, y) on a side × side grid (side a power of two). */
export function hilbertIndex(side: number, x: number, y: number): number {
  let index = 0;
  for (let step = side >> 1; step > 0; step >>= 1) {
    const rx = (x & step) > 0 ? 1 : 0;
    const ry = (y & step) > 0 ? 1 : 0;
    index += step * step * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = side - 1 - x;
        y = side - 1 - y;
      }
      [x, y] = [y, x];
    }
  }
  return index;
}
