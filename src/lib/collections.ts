import { getCollection, type CollectionEntry, type CollectionKey } from 'astro:content';

const built = new Map<CollectionKey, Promise<readonly unknown[]>>();

/**
 * Every entry of a collection, read once per build. Astro's getCollection copies every entry
 * on each call; a layout asking for the papers on each of 10,000 pages would copy 100 million
 * entries. During `astro build` the content cannot change, so the first answer is kept; the
 * dev server, where it can, asks Astro every time. Callers must not modify what they get.
 */
export function collection<C extends CollectionKey>(name: C): Promise<readonly CollectionEntry<C>[]> {
  if (import.meta.env.DEV) return getCollection(name);
  let entries = built.get(name);
  if (!entries) built.set(name, (entries = getCollection(name)));
  return entries as Promise<readonly CollectionEntry<C>[]>;
}

/** A value derived from the collections, computed once per build (every time in the dev server). */
export function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    if (import.meta.env.DEV) return compute();
    return (value ??= compute());
  };
}
