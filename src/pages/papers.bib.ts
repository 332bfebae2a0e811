import type { APIRoute } from 'astro';
import { getListingsById } from '../lib/get-listings.ts';
import { getPapers } from '../lib/get-papers.ts';
import { paperBibtex } from '../lib/paper-citation.ts';
import { streamedResponse } from '../lib/streamed-response.ts';

/**
 * `/papers.bib`: every paper's BibTeX entry (the one its page shows), newest first, for a
 * reference manager to import the whole collection at once. Always written, whatever `bibFiles`
 * in atlas({ … }) says of the per-paper files.
 */
export const GET: APIRoute = async () => {
  const papers = await getPapers();
  const listings = await getListingsById();
  return streamedResponse(function* () {
    for (const paper of papers) yield `${paperBibtex(paper, listings).trimEnd()}\n\n`;
  }, 'application/x-bibtex; charset=utf-8');
};
