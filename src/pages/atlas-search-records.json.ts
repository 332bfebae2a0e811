import type { APIRoute } from 'astro';
import { searchRecordsInOrder } from '../lib/search-records.ts';
import { jsonArray, streamedResponse } from '../lib/streamed-response.ts';

/**
 * Every paper's search record (src/lib/search-records.ts), for the index step. Not published:
 * at the end of a build src/integrations/search-records.ts moves this file out of dist/ to
 * .cache/atlas/search-records.json, where scripts/index-search.ts reads it. (Rendered on every
 * build, it has no cache key: it is one file.)
 */
export const GET: APIRoute = async () => {
  const records = await searchRecordsInOrder();
  return streamedResponse(() => jsonArray(records), 'application/json');
};
