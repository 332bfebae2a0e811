import { getCollection, type CollectionEntry } from 'astro:content';

/** A dump as the site sees it. */
export type ListingEntry = CollectionEntry<'listings'>;

/** Every listing by its slug. */
export async function getListingsById(): Promise<Map<string, ListingEntry>> {
  return new Map((await getCollection('listings')).map((listing) => [listing.id, listing]));
}
