import type { APIRoute, GetStaticPaths } from 'astro';
import { withCacheKeys } from '../../lib/cache-key.ts';
import { getListingsById } from '../../lib/get-listings.ts';
import { getPapers } from '../../lib/get-papers.ts';
import { getRedirects, getRemovedPapers } from '../../lib/get-permalinks.ts';
import { paperBibtex, removedPaperBibtex } from '../../lib/paper-citation.ts';

/**
 * `/papers/<slug>.bib`: the paper's BibTeX entry, the same as on its page. A `.bib` link
 * once shared keeps working too: an earlier slug serves the paper's current entry, and a
 * removed paper's slug an entry that says so.
 */
export const getStaticPaths = (async () => {
  const papers = await getPapers();
  const listings = await getListingsById();
  const removed = await getRemovedPapers();
  const entries = new Map([
    ...papers.map((paper) => [paper.id, paperBibtex(paper, listings)] as const),
    ...removed.map((entry) => [entry.id, removedPaperBibtex(entry)] as const),
  ]);
  const redirects = (await getRedirects(papers)).map(({ from, to }) => [from, entries.get(to) ?? ''] as const);
  return withCacheKeys([...entries, ...redirects].map(([slug, bibtex]) => ({ params: { slug }, props: { bibtex } })), null);
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ bibtex: string }> = ({ props }) => {
  return new Response(props.bibtex, { headers: { 'Content-Type': 'application/x-bibtex; charset=utf-8' } });
};
