import { getCollection, type CollectionEntry, type CollectionKey } from 'astro:content';

/** A value derived from the collections, computed once per build (every time in the dev server). */
export function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    if (import.meta.env.DEV) return compute();
    return (value ??= compute());
  };
}

const readers = new Map<CollectionKey, () => Promise<readonly unknown[]>>();

/**
 * Every entry of a collection, read once per build. Astro's getCollection copies every entry
 * on each call; a layout asking for the papers on each of 10,000 pages would copy 100 million
 * entries. During `astro build` the content cannot change, so the first answer is kept; the
 * dev server, where it can, asks Astro every time. Callers must not modify what they get.
 */
export function collection<C extends CollectionKey>(name: C): Promise<readonly CollectionEntry<C>[]> {
  let read = readers.get(name);
  if (!read) readers.set(name, (read = once(() => getCollection(name))));
  return read() as Promise<readonly CollectionEntry<C>[]>;
}
