/**
 * The search's sort orders. Every paper has both sort keys: an undated one gets a key that
 * puts it last either way, so sorting drops no paper. Shared by the paper pages (which give
 * Pagefind the keys) and the search page (which merges the sorted results of the main and the recent index).
 */
export const SORTS = {
  newest: { direction: 'desc', undated: '0000-00-00' },
  oldest: { direction: 'asc', undated: '9999-12-31' },
} as const;

export type SortName = keyof typeof SORTS;

/** A paper's key for one sort order, from its ISO date (YYYY-MM-DD) if it has one. */
export function sortKey(sort: SortName, published: string | undefined): string {
  return published ?? SORTS[sort].undated;
}
