import type { CollectionEntry } from 'astro:content';
import { readAbstract } from './abstract-files.ts';
import { collection, once } from './collections.ts';
import { comparePapers } from './sort-papers.ts';

/** A paper as the site sees it. */
export type PaperEntry = CollectionEntry<'papers'>;

/** Every paper, newest first and undated last (sorted once per build; do not modify). */
export const getPapers: () => Promise<readonly PaperEntry[]> = once(async () => [...(await collection('papers'))].sort(comparePapers));

/** The first sentence of a paper's abstract, as plain text (kept by the loader). */
export function getExcerpt(paper: PaperEntry): string {
  return String(paper.rendered?.metadata?.excerpt ?? '');
}

/** The whole abstract as plain text (formulas as their TeX source), from the file the loader wrote. */
export function getAbstractText(paper: PaperEntry): string {
  return readAbstract(paper).text;
}

/** A paper's year: from its full date, else the year a bibliography gave; undefined when undated. */
export function paperYear(data: Pick<PaperEntry['data'], 'published' | 'year'>): string | undefined {
  return data.published?.slice(0, 4) ?? (data.year === undefined ? undefined : String(data.year));
}
