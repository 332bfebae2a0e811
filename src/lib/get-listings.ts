import { getCollection, type CollectionEntry } from 'astro:content';
import type { PaperEntry } from './get-papers.ts';

/** A dump as the site sees it. */
export type ListingEntry = CollectionEntry<'listings'>;

/** Every listing by its slug. */
export async function getListingsById(): Promise<Map<string, ListingEntry>> {
  return new Map((await getCollection('listings')).map((listing) => [listing.id, listing]));
}

/** The slugs of the listings a paper came from, each once, in reading order. */
export function listingIds(paper: PaperEntry): string[] {
  return [...new Set(paper.data.sources.map((source) => source.listing))];
}
