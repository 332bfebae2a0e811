/**
 * The site's search engine in the browser, as the search page and the map use it: Pagefind's
 * runtime with every part of the index merged into it (scripts/index-search.ts lays them out).
 */
import type { IndexResult } from './search-results.ts';

interface PagefindSearch {
  results: IndexResult[];
}
/** The Pagefind module (pagefind.js): the main index, with the recent one merged into it. */
export interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  mergeIndex(path: string, options?: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string | null, options?: { filters?: Record<string, string>; sort?: Record<string, 'asc' | 'desc'> }): Promise<PagefindSearch | null>;
}

/** dist/pagefind/atlas-index.json (scripts/index-search.ts). */
interface IndexManifest {
  parts: string[];
  recent: string | null;
  superseded: string[];
}

/** The loaded search: Pagefind, the names of the indexes merged into it (none when there is one), and the main-index entries to leave out. */
export interface Engine {
  pagefind: Pagefind;
  parts: string[];
  superseded: ReadonlySet<string>;
}

/**
 * Ranking: a paper whose title has the query's words ranks above one whose abstract mentions
 * them in passing (the title is a meta field, scored by `metaWeights`). Given to the recent
 * index too: a merged index does not take the main one's ranking.
 */
const RANKING = { metaWeights: { title: 10 } };
const OPTIONS = { highlightParam: 'highlight', excerptLength: 32, ranking: RANKING };
/** The synthetic filter that tells the indexes apart, for a sort by date (which Pagefind's merge would undo). */
export const PART = 'atlas-index';

let engine: Promise<Engine> | undefined;
/**
 * One Pagefind runtime and one WebAssembly instance: the main index, and the recent index (the
 * papers added or changed since the main one was built) merged into it with `mergeIndex`. Each
 * is marked by a synthetic filter (`mergeFilter`), so a sort by date can ask each in turn.
 */
export function loadPagefind(bundle: string): Promise<Engine> {
  engine ??= (async () => {
    // Revalidated: a stale manifest after a deploy could name an index that is gone (the offline worker answers from its own build).
    const response = await fetch(`${bundle}atlas-index.json`, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`${bundle}atlas-index.json: HTTP ${response.status}`);
    const manifest = (await response.json()) as IndexManifest;
    const pagefind = (await import(/* @vite-ignore */ `${bundle}pagefind.js`)) as Pagefind;
    const merged = [...(manifest.parts ?? []).map((folder, index) => ({ folder, name: `main-${index + 1}` })), ...(manifest.recent ? [{ folder: manifest.recent, name: 'recent' }] : [])];
    await pagefind.options(merged.length > 0 ? { ...OPTIONS, mergeFilter: { [PART]: 'main' } } : OPTIONS);
    await pagefind.init();
    for (const { folder, name } of merged) await pagefind.mergeIndex(`${bundle}${folder}`, { ...OPTIONS, mergeFilter: { [PART]: name } });
    return { pagefind, parts: merged.length > 0 ? ['main', ...merged.map(({ name }) => name)] : [], superseded: new Set(manifest.superseded) };
  })();
  engine.catch(() => { engine = undefined; }); // try again on the next search (back online)
  return engine;
}

/** A search's options: the filters (a part's own added by `searchIndexes`) and a sort. */
interface SearchOptions {
  filters?: Record<string, string>;
  sort?: Record<string, 'asc' | 'desc'>;
}

/**
 * A search of every index as one index would answer it: one list of results, or one per index
 * when they must be merged by the caller (`perIndex`: a sort by date, which Pagefind's merge
 * would undo), the main-index entries the recent index replaces left out.
 *
 * Pagefind matches words index by index and ignores a word an index does not hold, so merged
 * indexes are looser than one: after a day's build, "pruning quokka" would list every paper on
 * pruning of the main index, which has no "quokka", as well as the recent paper about quokkas.
 * One index requires every word it holds. So, for a search of several words, each index is
 * asked which of them it holds (a search of each word alone), and the indexes that lack a word
 * another index holds are left out; a word no index holds is ignored, as one index ignores it.
 */
export async function searchIndexes(engine: Engine, query: string | null, options: SearchOptions, perIndex: boolean): Promise<IndexResult[][]> {
  const { pagefind, parts, superseded } = engine;
  const search = async (term: string | null, filters: SearchOptions['filters'], sort: SearchOptions['sort']) => {
    const found = await pagefind.search(term, { filters, sort });
    return (found?.results ?? []).filter((result) => !superseded.has(result.id));
  };
  const words = query?.trim().split(/\s+/).filter((word) => word.length > 0) ?? [];
  let searched = parts;
  if (parts.length > 0 && words.length > 1) {
    // One search at a time: they share one WebAssembly instance.
    const holds = new Map<string, Set<string>>();
    for (const part of parts) {
      const held = new Set<string>();
      for (const word of new Set(words)) if ((await search(word, { [PART]: part }, undefined)).length > 0) held.add(word);
      holds.set(part, held);
    }
    const known = words.filter((word) => parts.some((part) => holds.get(part)!.has(word)));
    searched = parts.filter((part) => known.every((word) => holds.get(part)!.has(word)));
  }
  if (searched.length === parts.length && !(perIndex && parts.length > 0)) return [await search(query, options.filters, options.sort)];
  const lists: IndexResult[][] = [];
  for (const part of searched) lists.push(await search(query, { ...options.filters, [PART]: part }, options.sort));
  return lists;
}
