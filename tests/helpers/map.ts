import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** A built map as its files say (src/lib/map-format.ts): each point's place, topic, slug and title. */
export interface BuiltMap {
  x: number[];
  y: number[];
  topic: number[];
  slugs: string[];
  titles: string[];
  topics: { slug: string; name: string; size: number }[];
}

/** Read dist/map/ and the page's own list of topics. */
export function readBuiltMap(dist: string): BuiltMap {
  const bytes = readFileSync(join(dist, 'map', 'points.bin'));
  const count = bytes.length / 6;
  const at = (index: number) => bytes.readUInt16LE(index * 2);
  const slugs: string[] = [];
  const titles: string[] = [];
  for (let chunk = 0; slugs.length < count; chunk += 1) {
    for (const [slug, title] of JSON.parse(readFileSync(join(dist, 'map', 'titles', `${chunk}.json`), 'utf8')) as [string, string][]) {
      slugs.push(slug);
      titles.push(title);
    }
  }
  const html = readFileSync(join(dist, 'map', 'index.html'), 'utf8');
  const meta = JSON.parse(/<script type="application\/json" data-map-meta>([^<]*)<\/script>/.exec(html)![1]) as { topics: BuiltMap['topics'] };
  return {
    x: Array.from({ length: count }, (_, point) => at(point)),
    y: Array.from({ length: count }, (_, point) => at(count + point)),
    topic: Array.from({ length: count }, (_, point) => at(2 * count + point)),
    slugs,
    titles,
    topics: meta.topics,
  };
}

/** Wait until the map page has drawn its points. */
export async function mapDrawn(page: Page): Promise<void> {
  await page.waitForSelector('[data-map-frame][data-drawn]', { timeout: 20_000 });
}

/**
 * Where a point is on the page at the whole-map view (zoom 1, centred): the map page's contract,
 * the shorter side of the frame spanning 96% of the map.
 */
export async function pointOnPage(page: Page, map: BuiltMap, point: number): Promise<{ x: number; y: number }> {
  const box = (await page.locator('[data-map-frame]').boundingBox())!;
  const inner = await page.locator('[data-map-frame]').evaluate((frame) => ({ width: frame.clientWidth, height: frame.clientHeight, left: frame.clientLeft, top: frame.clientTop }));
  const k = (Math.min(inner.width, inner.height) / 65535) * 0.96;
  return { x: box.x + inner.left + (map.x[point] - 65535 / 2) * k + inner.width / 2, y: box.y + inner.top + (map.y[point] - 65535 / 2) * k + inner.height / 2 };
}

/** A point no other lies within `room` grid units of, in the middle half of the map (easy to hit). */
export function lonelyPoint(map: BuiltMap, room = 1500, skip = 0): number {
  let found = -1;
  for (let point = 0; point < map.x.length; point += 1) {
    if (Math.abs(map.x[point] - 32768) > 16000 || Math.abs(map.y[point] - 32768) > 16000) continue;
    let alone = true;
    for (let other = 0; other < map.x.length && alone; other += 1) {
      if (other !== point && Math.abs(map.x[other] - map.x[point]) < room && Math.abs(map.y[other] - map.y[point]) < room) alone = false;
    }
    if (alone && skip-- === 0) return point;
    if (alone) found = point;
  }
  if (found < 0) throw new Error('no point stands alone on this map');
  return found;
}

/** The text of the map's tip (the title shown), once it shows. */
export async function tipText(page: Page): Promise<string> {
  await page.waitForSelector('[data-map-tip]:not([hidden])');
  return page.locator('[data-map-tip] strong').innerText();
}
