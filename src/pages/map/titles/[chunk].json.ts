import type { APIRoute, GetStaticPaths } from 'astro';
import { digest } from '../../../lib/cache-key.ts';
import { getMap } from '../../../lib/get-map.ts';
import { TITLE_CHUNK } from '../../../lib/map-format.ts';
import { titleText } from '../../../lib/title-math.ts';

/** `map/titles/<n>.json`: `[slug, title]` of a run of TITLE_CHUNK points, loaded when the map first shows one of them. */
export const getStaticPaths = (async () => {
  const map = await getMap();
  return Array.from({ length: Math.ceil(map.papers.length / TITLE_CHUNK) }, (_, chunk) => {
    const titles = map.papers.slice(chunk * TITLE_CHUNK, (chunk + 1) * TITLE_CHUNK).map((paper) => [paper.id, titleText(paper.data.title)]);
    return { params: { chunk: String(chunk) }, props: { titles }, cacheKey: digest(titles) };
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ titles: string[][] }> = ({ props }) => new Response(`${JSON.stringify(props.titles)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
