import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from './collections.ts';
import { getPapers, type PaperEntry } from './get-papers.ts';
import { getTopicsWithPapers } from './get-topics.ts';
import { bucketCount, bucketOf, hilbertIndex, MAP_COLOURS, type MapTopic } from './map-format.ts';

/** content/map.json (scripts/ingest/layout-map.ts): where each paper is on the map. */
export const MAP_FILE = 'content/map.json';

/** The map as the site shows it: points in their order (map-format.ts), topics, and the file's digest (for cache keys). */
export interface SiteMap {
  papers: PaperEntry[];
  x: Uint16Array;
  y: Uint16Array;
  /** Each point's topic: an index into `topics`. */
  topic: Uint16Array;
  topics: MapTopic[];
  byArea: boolean;
  buckets: number;
  /** Which point each paper is. */
  pointOf: Map<string, number>;
  /** Each point's `find/` bucket. */
  bucket: Uint16Array;
  digest: string;
}

/** Read content/map.json; a missing or unreadable file is an empty map (the ingest writes it). */
function readPoints(): { points: Record<string, [number, number]>; digest: string } {
  let text = '';
  try {
    text = readFileSync(join(process.cwd(), MAP_FILE), 'utf8');
    const data = JSON.parse(text) as { points?: Record<string, [number, number]> };
    return { points: data.points ?? {}, digest: createHash('sha256').update(text).digest('base64url') };
  } catch {
    return { points: {}, digest: 'none' };
  }
}

/** The map of the papers that have a point, read once per build. */
export const getMap: () => Promise<SiteMap> = once(async () => {
  const { points, digest } = readPoints();
  const sorted = await getPapers();
  const topicsWithPapers = await getTopicsWithPapers(sorted);
  const GRID = 256;
  const placed = sorted
    .filter((paper) => points[paper.id] !== undefined)
    .map((paper) => {
      const [x, y] = points[paper.id];
      return { paper, x, y, order: hilbertIndex(GRID, x >> 8, y >> 8) };
    })
    .sort((a, b) => a.order - b.order || (a.paper.id < b.paper.id ? -1 : 1));
  const topicIndex = new Map(topicsWithPapers.map(({ topic }, index) => [topic.id, index]));
  const count = placed.length;
  const x = Uint16Array.from(placed, (point) => point.x);
  const y = Uint16Array.from(placed, (point) => point.y);
  const topic = Uint16Array.from(placed, (point) => topicIndex.get(point.paper.data.topics[0] ?? '') ?? 0);
  const members: number[][] = topicsWithPapers.map(() => []);
  topic.forEach((of, point) => members[of].push(point));
  const areas = [...new Set(topicsWithPapers.map(({ topic: entry }) => entry.data.area).filter((area): area is string => area !== undefined))];
  // Colours: one per topic, neighbours told apart, while topics are at most three times the colours;
  // past that one per area (the topics of an area share it).
  const byArea = topicsWithPapers.length > 3 * MAP_COLOURS && areas.length > 1;
  const groups = byArea ? areas : topicsWithPapers.map(({ topic: entry }) => entry.id);
  const groupOf = (index: number) => (byArea ? areas.indexOf(topicsWithPapers[index].topic.data.area ?? '') : index);
  const centres = topicsWithPapers.map((_, index) => centralPoint(members[index], x, y));
  const colours = colourGroups(groups.length, topicsWithPapers.map((_, index) => groupOf(index)), centres);
  const topics: MapTopic[] = topicsWithPapers.map(({ topic: entry }, index) => ({
    slug: entry.id,
    name: entry.data.name,
    size: members[index].length,
    colour: colours[Math.max(0, groupOf(index))] ?? 0,
    x: centres[index][0],
    y: centres[index][1],
    ...(entry.data.area ? { area: entry.data.area } : {}),
  }));
  const buckets = bucketCount(count);
  const bucket = Uint16Array.from(placed, (point) => bucketOf(point.paper.id, buckets));
  return { papers: placed.map((point) => point.paper), x, y, topic, topics, byArea, buckets, pointOf: new Map(placed.map((point, index) => [point.paper.id, index])), bucket, digest };
});

/** The point of a topic nearest the median of its points: where its label goes. */
function centralPoint(members: readonly number[], x: Uint16Array, y: Uint16Array): [number, number] {
  if (members.length === 0) return [0, 0];
  const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1];
  const [mx, my] = [median(members.map((point) => x[point])), median(members.map((point) => y[point]))];
  let best = members[0];
  let bestDistance = Infinity;
  for (const point of members) {
    const distance = (x[point] - mx) ** 2 + (y[point] - my) ** 2;
    if (distance < bestDistance) [best, bestDistance] = [point, distance];
  }
  return [x[best], y[best]];
}

/**
 * A colour for each group (topic or area): all different while there are at most MAP_COLOURS;
 * past that, greedily, the largest groups first, each the colour least used among the groups
 * whose labels lie nearest it, so that neighbours on the map differ.
 */
function colourGroups(groups: number, groupOfTopic: readonly number[], centres: readonly [number, number][]): number[] {
  if (groups <= MAP_COLOURS) return Array.from({ length: groups }, (_, index) => index);
  const centre: [number, number][] = Array.from({ length: groups }, (_, group) => {
    const mine = centres.filter((_, topic) => groupOfTopic[topic] === group);
    return mine.length === 0 ? [0, 0] : [mine.reduce((sum, [cx]) => sum + cx, 0) / mine.length, mine.reduce((sum, [, cy]) => sum + cy, 0) / mine.length];
  });
  const colours = new Array<number>(groups).fill(-1);
  for (let group = 0; group < groups; group += 1) {
    const nearest = centre.map((point, other) => [(point[0] - centre[group][0]) ** 2 + (point[1] - centre[group][1]) ** 2, other] as const)
      .filter(([, other]) => other !== group && colours[other] >= 0)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1])
      .slice(0, MAP_COLOURS - 1);
    const used = new Array<number>(MAP_COLOURS).fill(0);
    nearest.forEach(([, other], rank) => { used[colours[other]] += MAP_COLOURS - rank; });
    colours[group] = used.indexOf(Math.min(...used));
  }
  return colours;
}

/** `map/find/<bucket>.json`: slug → [point, …its related papers' points]. */
export function findBucket(map: SiteMap, bucket: number): Record<string, number[]> {
  const entries: Record<string, number[]> = {};
  map.papers.forEach((paper, point) => {
    if (map.bucket[point] !== bucket) return;
    entries[paper.id] = [point, ...paper.data.related.map((slug) => map.pointOf.get(slug)).filter((other): other is number => other !== undefined)];
  });
  return entries;
}
