import type { APIRoute, GetStaticPaths } from 'astro';
import { digest } from '../../../lib/cache-key.ts';
import { findBucket, getMap } from '../../../lib/get-map.ts';

/** `map/find/<b>.json`: where the papers whose slug hashes to b are, with their related papers (`/map/?paper=…`). */
export const getStaticPaths = (async () => {
  const map = await getMap();
  return Array.from({ length: map.buckets }, (_, bucket) => {
    const entries = findBucket(map, bucket);
    return { params: { bucket: String(bucket) }, props: { entries }, cacheKey: digest(entries) };
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ entries: Record<string, number[]> }> = ({ props }) => new Response(`${JSON.stringify(props.entries)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
