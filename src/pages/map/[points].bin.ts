import type { APIRoute } from 'astro';
import { getMap } from '../../lib/get-map.ts';

/** `map/points.bin`: every point's x, y and topic (src/lib/map-format.ts). A route with a parameter only so that its cache key can name content/map.json. */
export async function getStaticPaths() {
  return [{ params: { points: 'points' }, cacheKey: (await getMap()).digest }];
}

export const GET: APIRoute = async () => {
  const map = await getMap();
  const count = map.papers.length;
  const bytes = new Uint8Array(count * 6);
  const view = new DataView(bytes.buffer);
  for (let point = 0; point < count; point += 1) {
    view.setUint16(point * 2, map.x[point], true);
    view.setUint16((count + point) * 2, map.y[point], true);
    view.setUint16((2 * count + point) * 2, map.topic[point], true);
  }
  return new Response(bytes, { headers: { 'Content-Type': 'application/octet-stream' } });
};
