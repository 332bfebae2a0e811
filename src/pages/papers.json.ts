import type { APIRoute } from 'astro';
import { jsonArray, streamedResponse } from '../lib/streamed-response.ts';
import { getListingsById } from '../lib/get-listings.ts';
import { getPapers } from '../lib/get-papers.ts';
import { getRedirects, getRemovedPapers } from '../lib/get-permalinks.ts';
import { listingLabels, paperPermalink } from '../lib/paper-citation.ts';
import { PER_PAPER_BIB } from '../lib/site.ts';
import { absoluteUrl, bibtexPath, sitePath } from '../lib/urls.ts';

/**
 * `/papers.json`: every paper's metadata for scripts (no abstracts: those are on the
 * pages), newest first, plus the earlier URLs that redirect and the papers removed.
 */
export const GET: APIRoute = async () => {
  const papers = await getPapers();
  const listings = await getListingsById();
  const redirects = (await getRedirects(papers)).map(({ from, to }) => ({ from: paperPermalink(from), to: paperPermalink(to) }));
  const removed = (await getRemovedPapers()).map((entry) => ({ url: paperPermalink(entry.id), title: entry.data.title, topic: entry.data.topic }));
  function* described() {
    for (const paper of papers) {
      yield { slug: paper.id, url: paperPermalink(paper.id), ...(PER_PAPER_BIB ? { bibtex: absoluteUrl(bibtexPath(paper.id)) } : {}), ...paper.data, listings: listingLabels(paper, listings) };
    }
  }
  // The text of JSON.stringify({ site, count, papers, redirects, removed }), each paper written when it is reached.
  return streamedResponse(function* () {
    yield `{"site":${JSON.stringify(absoluteUrl(sitePath('/')))},"count":${papers.length},"papers":`;
    yield* jsonArray(described());
    yield `,"redirects":${JSON.stringify(redirects)},"removed":${JSON.stringify(removed)}}\n`;
  }, 'application/json; charset=utf-8');
};
