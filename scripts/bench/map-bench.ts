/**
 * The map's bench (`npm run bench -- --map [N] [DIR]`): how long the layout takes, cold and for a
 * day's papers, and how well it keeps neighbours (of each paper's 10 nearest points on the map,
 * the share among its 10 most similar papers), against a random layout of the same points.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { assignTopics } from '../ingest/assign-topics.ts';
import { canonicalRanks } from '../ingest/discover-topics.ts';
import { layoutMap, MAP_NEIGHBOURS, MAP_SIZE } from '../ingest/layout-map.ts';
import { neighbourLists, relatePapers, termIndex, type Neighbours } from '../ingest/related-papers.ts';
import type { PaperDraft } from '../ingest/types.ts';
import { seededRandom } from '../seeded-random.ts';
import { writeSyntheticSeeds } from './synthetic-seeds.ts';
import { readPapers } from './topics-bench.ts';

/** How many nearest points and most similar papers the preservation compares. */
const K = 10;

/**
 * Of each point's `k` nearest points (Euclidean, a grid of buckets), the share that are among
 * its `k` most similar papers (`neighbours`), averaged over the points that have any.
 */
export function neighbourPreservation(points: readonly (readonly [number, number])[], neighbours: Neighbours, k = K): number {
  const count = points.length;
  if (count < 2) return 0;
  const side = Math.max(1, Math.ceil(Math.sqrt(count / 4)));
  const cell = (MAP_SIZE + 1) / side;
  const buckets: number[][] = Array.from({ length: side * side }, () => []);
  const cellOf = (value: number) => Math.min(side - 1, Math.floor(value / cell));
  points.forEach(([x, y], index) => buckets[cellOf(y) * side + cellOf(x)].push(index));
  let total = 0;
  let counted = 0;
  for (let self = 0; self < count; self += 1) {
    const similar = new Set(Array.from(neighbours.of[self].subarray(0, k)));
    if (similar.size === 0) continue;
    const [x, y] = points[self];
    const [cx, cy] = [cellOf(x), cellOf(y)];
    // Grow the ring of cells until k points are found and no closer one can lie outside it.
    const found: [number, number][] = [];
    for (let ring = 0; ring < side; ring += 1) {
      for (let gy = cy - ring; gy <= cy + ring; gy += 1) {
        for (let gx = cx - ring; gx <= cx + ring; gx += 1) {
          if (gx < 0 || gy < 0 || gx >= side || gy >= side || (Math.abs(gx - cx) !== ring && Math.abs(gy - cy) !== ring)) continue;
          for (const other of buckets[gy * side + gx]) if (other !== self) found.push([(points[other][0] - x) ** 2 + (points[other][1] - y) ** 2, other]);
        }
      }
      if (found.length >= k) {
        found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        if (found[k - 1][0] <= (ring * cell) ** 2) break;
      }
    }
    found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const nearest = found.slice(0, k);
    total += nearest.filter(([, other]) => similar.has(other)).length / Math.min(k, similar.size);
    counted += 1;
  }
  return counted === 0 ? 0 : total / counted;
}

/** Points spread at random over the grid: the baseline. */
export function randomPoints(count: number, seed = 1): [number, number][] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => [Math.floor(random() * MAP_SIZE), Math.floor(random() * MAP_SIZE)]);
}

/** The graph and topics the ingest would hand the layout, for a set of papers. */
export function mapInputs(papers: readonly PaperDraft[]): { slugs: string[]; neighbours: Neighbours; topicOf: string[] } {
  const index = termIndex(papers, canonicalRanks(papers));
  const neighbours = neighbourLists(MAP_NEIGHBOURS);
  relatePapers(papers, new Map(), index, neighbours);
  const assigned = assignTopics(papers, [], { index });
  return { slugs: papers.map((paper) => paper.slug), neighbours, topicOf: assigned.papers.map((paper) => paper.topics[0] ?? '') };
}

const seconds = (started: number) => (performance.now() - started) / 1000;

/** The map bench on one set of papers: its lines. */
function benchSet(name: string, papers: readonly PaperDraft[], day: number): string[] {
  const all = mapInputs(papers);
  let started = performance.now();
  const cold = layoutMap(all.slugs, all.neighbours, all.topicOf, undefined);
  const coldSeconds = seconds(started);
  const points = all.slugs.map((slug) => cold.map.points.get(slug)!);
  const ours = neighbourPreservation(points, all.neighbours);
  const random = neighbourPreservation(randomPoints(points.length), all.neighbours);
  // A day: the older papers laid out, then the day's papers placed beside them.
  const older = papers.slice(0, -day);
  const before = mapInputs(older);
  const first = layoutMap(before.slugs, before.neighbours, before.topicOf, undefined);
  started = performance.now();
  const next = layoutMap(all.slugs, all.neighbours, all.topicOf, first.map);
  const daySeconds = seconds(started);
  const moved = [...first.map.points].filter(([slug, [x, y]]) => { const now = next.map.points.get(slug); return !now || now[0] !== x || now[1] !== y; }).length;
  const afterDay = neighbourPreservation(all.slugs.map((slug) => next.map.points.get(slug)!), all.neighbours);
  return [
    `  ${name.padEnd(28)} ${String(papers.length).padStart(7)}  ${`${coldSeconds.toFixed(2)} s`.padStart(9)}  ${`${daySeconds.toFixed(3)} s`.padStart(9)} (${next.mode}, ${next.added} added, ${moved} older moved)  ${ours.toFixed(3)} / ${random.toFixed(4)} = ${(ours / random).toFixed(0)}×  after the day ${afterDay.toFixed(3)}`,
  ];
}

/** `npm run bench -- --map [N] [DIR…]`: the layout at N synthetic papers (when given) and on each folder of dumps. */
export function benchMap(count: number | undefined, dirs: readonly string[], day = 50): string[] {
  const lines = [`Map layout (a day: ${day} new papers; preservation: of 10 nearest points, the share among the 10 most similar papers), Node ${process.version}`, '  papers of                     papers       cold        a day                                   ours / random'];
  for (const dir of dirs) lines.push(...benchSet(basename(dir), readPapers(dir), Math.min(day, 10)));
  if (count !== undefined) {
    const workspace = mkdtempSync(join(tmpdir(), 'atlas-map-bench-'));
    try {
      writeSyntheticSeeds(workspace, count);
      lines.push(...benchSet('synthetic', readPapers(workspace), day));
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  }
  return lines;
}

