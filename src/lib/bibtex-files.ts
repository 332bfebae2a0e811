import { once } from './collections.ts';
import { getListingsById } from './get-listings.ts';
import { getPapers } from './get-papers.ts';
import { getRedirects, getRemovedPapers } from './get-permalinks.ts';
import { paperBibtex, removedPaperBibtex } from './paper-citation.ts';
import { PER_PAPER_BIB } from './site.ts';

/**
 * Every `/papers/<slug>.bib` file, as slug and content: each paper's BibTeX entry (the same as
 * on its page), an earlier slug's copy of its paper's current entry, and for a removed paper an
 * entry that says so. A `.bib` link once shared keeps working.
 */
export const getBibtexFiles: () => Promise<readonly (readonly [slug: string, bibtex: string])[]> = once(async () => {
  if (!PER_PAPER_BIB) return []; // bibFiles: false in atlas({ … }): the pages carry their entries
  const papers = await getPapers();
  const listings = await getListingsById();
  const removed = await getRemovedPapers();
  const entries = new Map([
    ...papers.map((paper) => [paper.id, paperBibtex(paper, listings)] as const),
    ...removed.map((entry) => [entry.id, removedPaperBibtex(entry)] as const),
  ]);
  const redirects = (await getRedirects(papers)).map(({ from, to }) => [from, entries.get(to) ?? ''] as const);
  return [...entries, ...redirects];
});
