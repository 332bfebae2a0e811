import type { CollectionEntry } from 'astro:content';
import { collection, once } from './collections.ts';
import type { PaperEntry } from './get-papers.ts';

/** A dump as the site sees it. */
export type ListingEntry = CollectionEntry<'listings'>;

/** Every listing by its slug. */
export const getListingsById: () => Promise<ReadonlyMap<string, ListingEntry>> = once(async () => new Map((await collection('listings')).map((listing) => [listing.id, listing])));

/** The slugs of the listings a paper came from, each once, in reading order. */
export function listingIds(paper: PaperEntry): string[] {
  return [...new Set(paper.data.sources.map((source) => source.listing))];
}
