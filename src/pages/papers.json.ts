import type { APIRoute } from 'astro';
import { getListingsById } from '../lib/get-listings.ts';
import { getPapers } from '../lib/get-papers.ts';
import { getRedirects, getRemovedPapers } from '../lib/get-permalinks.ts';
import { listingLabels, paperPermalink } from '../lib/paper-citation.ts';
import { absoluteUrl, bibtexPath, sitePath } from '../lib/urls.ts';

/**
 * `/papers.json`: every paper's metadata for scripts (no abstracts: those are on the
 * pages), newest first, plus the earlier URLs that redirect and the papers removed.
 */
export const GET: APIRoute = async () => {
  const papers = await getPapers();
  const listings = await getListingsById();
  const data = {
    site: absoluteUrl(sitePath('/')),
    count: papers.length,
    papers: papers.map((paper) => ({
      slug: paper.id,
      url: paperPermalink(paper.id),
      bibtex: absoluteUrl(bibtexPath(paper.id)),
      ...paper.data,
      listings: listingLabels(paper, listings),
    })),
    redirects: (await getRedirects(papers)).map(({ from, to }) => ({ from: paperPermalink(from), to: paperPermalink(to) })),
    removed: (await getRemovedPapers()).map((entry) => ({ url: paperPermalink(entry.id), title: entry.data.title, topic: entry.data.topic })),
  };
  return new Response(`${JSON.stringify(data)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
