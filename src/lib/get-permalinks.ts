import type { CollectionEntry } from 'astro:content';
import { collection } from './collections.ts';
import type { PaperEntry } from './get-papers.ts';

/** A slug that ever was published, from `content/permalinks.json`. */
export type PermalinkEntry = CollectionEntry<'permalinks'>;

/** An old slug and the slug it now redirects to. */
export interface SlugRedirect {
  from: string;
  to: string;
}

/** Papers no dump lists any more: their URLs keep a notice instead of a 404. */
export async function getRemovedPapers(): Promise<PermalinkEntry[]> {
  return (await collection('permalinks')).filter((entry) => entry.data.removed);
}

/** Every earlier slug, of live papers (their `aliases`) and of removed ones, with its target. */
export async function getRedirects(papers: readonly PaperEntry[]): Promise<SlugRedirect[]> {
  const live = papers.flatMap((paper) => (paper.data.aliases ?? []).map((from) => ({ from, to: paper.id })));
  const removed = (await getRemovedPapers()).flatMap((entry) => (entry.data.former ?? []).map((from) => ({ from, to: entry.id })));
  return [...live, ...removed];
}
