import type { APIRoute } from 'astro';
import { getBibtexFiles } from '../lib/bibtex-files.ts';
import { jsonArray, streamedResponse } from '../lib/streamed-response.ts';

/**
 * Every `.bib` file of the site in one: `[slug, content]` pairs. Not published: at the end of a
 * build src/integrations/bibtex-files.ts writes each pair to /papers/<slug>.bib and deletes
 * this file. (Rendered on every build, it has no cache key: it is one file.)
 */
export const GET: APIRoute = async () => {
  const files = await getBibtexFiles();
  return streamedResponse(() => jsonArray(files), 'application/json');
};
