/**
 * The map of the collection (`/map/`): every paper as a point, placed so that similar papers
 * sit close together. Positions live in `content/map.json` and stay put from build to build:
 *
 * - a **full layout** happens when there is no map yet, when topics were clustered afresh, or
 *   when more papers were placed one by one since the last full layout than it placed: the
 *   nearest-neighbour graph (each paper's most similar papers, TF-IDF cosine, as related papers
 *   use), weighted as UMAP weighs its graph, is laid out by stochastic gradient descent in the
 *   manner of UMAP and LargeVis (attraction along edges, repulsion from sampled points, a Cauchy
 *   kernel), started from the topics' own layout so that a topic begins in one piece;
 * - otherwise a new paper is **placed** beside its most similar placed paper, drawn a quarter
 *   of the way toward the mean of its three most similar, a little off that (so that two papers
 *   never share a point), and no older point moves.
 *
 * Positions are integers on a fixed 0…65535 grid (what the site sends as 16-bit numbers), so
 * the same dumps give the same bytes and a day's papers cannot shift the frame of the others.
 * Measured on the 1,767 abstracts of 18 fields (`npm run bench -- --map`): see docs/performance.md.
 */
import { seededRandom } from '../seeded-random.ts';
import type { Neighbours } from './related-papers.ts';
import { fnv1a, MAP_SIZE } from '../../src/lib/map-format.ts';

/** The side of the grid positions are on (the site reads them as 16-bit numbers). */
export { MAP_SIZE };
/** Neighbours kept per paper: the graph laid out, and new papers placed beside. */
export const MAP_NEIGHBOURS = 10;
/** Bumped whenever the layout itself changes: an older map is laid out again. */
export const MAP_FORMAT = 'atlas-map-2';
/** Random points each attraction is balanced against (UMAP's negative_sample_rate). */
const NEGATIVE_SAMPLES = 5;
/** Repulsion's strength against attraction (UMAP's repulsion_strength). */
const REPULSION = 1;
/** The largest step one update may take, in layout units (UMAP clips gradients to 4). */
const CLIP = 4;
/** A new paper goes beside its most similar placed paper, drawn this share of the way toward the mean of PLACE_BESIDE of them. */
const PLACE_BESIDE = 3;
const PULL = 0.25;
/** How far a placed paper sits from the point it was drawn to, in grid units (0.2% of the side). */
const PLACE_OFFSET = 130;

/** What content/map.json holds. */
export interface StoredMap {
  format: string;
  /** Papers placed one by one since the last full layout. */
  placed: number;
  /** Papers the last full layout placed. */
  laidOut: number;
  points: Map<string, [number, number]>;
}

/** What one run did. */
export interface MapResult {
  map: StoredMap;
  mode: 'laid out' | 'placed' | 'kept';
  /** Papers placed beside their neighbours in this run. */
  added: number;
  why?: string;
}

/**
 * The map for these papers. `topicOf` is each paper's primary topic; `relayout` asks for a full
 * layout (topics were clustered afresh).
 */
export function layoutMap(slugs: readonly string[], neighbours: Neighbours, topicOf: readonly string[], previous: StoredMap | undefined, relayout = false): MapResult {
  const why = previous === undefined ? 'no map yet'
    : previous.format !== MAP_FORMAT ? 'the layout changed'
    : relayout ? 'topics were clustered afresh'
    : previous.placed + slugs.filter((slug) => !previous.points.has(slug)).length > Math.max(previous.laidOut, 50) ? 'more papers were added one by one than the last layout placed'
    : undefined;
  if (why !== undefined || previous === undefined) {
    const positions = fullLayout(slugs, neighbours, topicOf);
    return { map: { format: MAP_FORMAT, placed: 0, laidOut: slugs.length, points: new Map(slugs.map((slug, index) => [slug, positions[index]])) }, mode: 'laid out', added: slugs.length, why };
  }
  const placed = placeNew(slugs, neighbours, topicOf, previous.points);
  const removed = [...previous.points.keys()].some((slug) => !placed.points.has(slug));
  return {
    map: { format: MAP_FORMAT, placed: previous.placed + placed.added, laidOut: previous.laidOut, points: placed.points },
    mode: placed.added > 0 || removed ? 'placed' : 'kept',
    added: placed.added,
  };
}

/** A deterministic number in [0, 1) from a string (FNV-1a, mixed), for offsets that depend on the paper alone. */
function hashUnit(text: string, salt: number): number {
  let hash = fnv1a(text, (0x811c9dc5 ^ salt) >>> 0);
  hash ^= hash >>> 15;
  hash = Math.imul(hash, 0x2c1b3c6d);
  hash ^= hash >>> 12;
  return (hash >>> 0) / 4294967296;
}

const clampToGrid = (value: number) => Math.min(MAP_SIZE, Math.max(0, Math.round(value)));

/**
 * Place the papers that have no point yet: at the weighted mean of their placed neighbours (in
 * rounds, so a new paper whose neighbours are all new follows them), else at their topic's
 * middle, else at the middle of the map; each a little off that point. Older points are kept.
 */
function placeNew(slugs: readonly string[], neighbours: Neighbours, topicOf: readonly string[], before: ReadonlyMap<string, [number, number]>): { points: Map<string, [number, number]>; added: number } {
  const at: ([number, number] | undefined)[] = slugs.map((slug) => before.get(slug));
  let waiting = slugs.map((_, index) => index).filter((index) => at[index] === undefined);
  const added = waiting.length;
  const offset = (index: number, [x, y]: [number, number]): [number, number] => {
    const angle = 2 * Math.PI * hashUnit(slugs[index], 1);
    const radius = PLACE_OFFSET * (0.5 + hashUnit(slugs[index], 2));
    return [clampToGrid(x + radius * Math.cos(angle)), clampToGrid(y + radius * Math.sin(angle))];
  };
  while (waiting.length > 0) {
    const still: number[] = [];
    const now: [number, [number, number]][] = [];
    for (const index of waiting) {
      let [x, y, weight, used] = [0, 0, 0, 0];
      let anchor: [number, number] | undefined;
      for (const [position, other] of neighbours.of[index].entries()) {
        const point = at[other];
        if (!point) continue;
        anchor ??= point;
        const similarity = Math.max(neighbours.similarity[index][position], 1e-6);
        x += point[0] * similarity;
        y += point[1] * similarity;
        weight += similarity;
        if (++used === PLACE_BESIDE) break;
      }
      // Beside the most similar placed paper, drawn a little toward the next ones (their mean
      // alone could fall in the gap between two regions).
      if (anchor) now.push([index, offset(index, [anchor[0] + PULL * (x / weight - anchor[0]), anchor[1] + PULL * (y / weight - anchor[1])])]);
      else still.push(index);
    }
    for (const [index, point] of now) at[index] = point; // a round sees only the points of the rounds before: any order gives the same
    if (now.length === 0) {
      // No placed neighbour at all: the middle of its topic's points, or of the map.
      const middles = topicMiddles(topicOf, at);
      for (const index of still) at[index] = offset(index, middles.get(topicOf[index]) ?? [MAP_SIZE / 2, MAP_SIZE / 2]);
      break;
    }
    waiting = still;
  }
  return { points: new Map(slugs.map((slug, index) => [slug, at[index]!])), added };
}

/** The median point of each topic's placed papers. */
function topicMiddles(topicOf: readonly string[], at: readonly ([number, number] | undefined)[]): Map<string, [number, number]> {
  const lists = new Map<string, [number[], number[]]>();
  at.forEach((point, index) => {
    if (!point) return;
    const list = lists.get(topicOf[index]) ?? [[], []];
    list[0].push(point[0]);
    list[1].push(point[1]);
    lists.set(topicOf[index], list);
  });
  const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1];
  return new Map([...lists].map(([topic, [xs, ys]]) => [topic, [median(xs), median(ys)]]));
}

/**
 * How strongly each paper holds each of its neighbours, as UMAP weighs its graph: distances
 * (1 − cosine) shifted by the nearest one's and scaled per paper, so that a paper's membership
 * strengths sum to log2 of its neighbour count, whatever the density of its region.
 */
function memberships(similarities: Float32Array): Float64Array {
  const count = similarities.length;
  const strengths = new Float64Array(count);
  if (count === 0) return strengths;
  const distances = Array.from(similarities, (similarity) => 1 - similarity);
  const nearest = Math.min(...distances);
  const target = Math.log2(count);
  let [low, high, sigma] = [0, Infinity, 1];
  for (let step = 0; step < 64; step += 1) {
    let sum = 0;
    for (const distance of distances) sum += Math.exp(-Math.max(0, distance - nearest) / sigma);
    if (Math.abs(sum - target) < 1e-5) break;
    if (sum > target) [high, sigma] = [sigma, (low + sigma) / 2];
    else [low, sigma] = [sigma, high === Infinity ? sigma * 2 : (sigma + high) / 2];
  }
  distances.forEach((distance, position) => { strengths[position] = Math.exp(-Math.max(0, distance - nearest) / sigma); });
  return strengths;
}

/** The undirected graph of neighbours: each pair once, its two memberships joined as UMAP's fuzzy union (a + b − ab). */
function edgesOf(neighbours: Neighbours, count: number): { heads: Int32Array; tails: Int32Array; weights: Float32Array } {
  const pairs = new Map<number, number>();
  for (let self = 0; self < count; self += 1) {
    const others = neighbours.of[self];
    const strengths = memberships(neighbours.similarity[self]);
    for (let position = 0; position < others.length; position += 1) {
      const other = others[position];
      if (other === self) continue;
      const key = self < other ? self * count + other : other * count + self;
      const strength = strengths[position];
      const before = pairs.get(key);
      pairs.set(key, before === undefined ? strength : before + strength - before * strength);
    }
  }
  const keys = [...pairs.keys()].sort((a, b) => a - b);
  const heads = new Int32Array(keys.length);
  const tails = new Int32Array(keys.length);
  const weights = new Float32Array(keys.length);
  keys.forEach((key, index) => {
    heads[index] = Math.floor(key / count);
    tails[index] = key % count;
    weights[index] = Math.max(pairs.get(key)!, 1e-3);
  });
  return { heads, tails, weights };
}

/**
 * Lay out the graph of neighbours: UMAP's optimisation (edges sampled in proportion to their
 * weight, each pulling its ends together and pushing its head from a few random points, with a
 * step that shrinks to nothing), on a Cauchy kernel (UMAP's a = b = 1, no powers to compute),
 * from the topics' layout. Returns grid positions.
 */
function fullLayout(slugs: readonly string[], neighbours: Neighbours, topicOf: readonly string[]): [number, number][] {
  const count = slugs.length;
  if (count === 0) return [];
  if (count === 1) return [[MAP_SIZE >> 1, MAP_SIZE >> 1]];
  const random = seededRandom(count * 2654435761);
  const { heads, tails, weights } = edgesOf(neighbours, count);
  const positions = initialPositions(count, topicOf, heads, tails, weights, random);
  // As UMAP does, fewer passes for many papers: at 10,000, 400 passes kept 6% more neighbours than 200 for half as much time again; 500 at 100,000 took 58 s for no better map.
  optimize(positions, count, heads, tails, weights, count > 5000 ? 200 : 400, random);
  return toGrid(positions, count);
}

/**
 * Gradient descent in place on `positions` (x, y interleaved): `epochs` passes, each edge
 * sampled every `max weight / weight` passes (UMAP's epochs_per_sample).
 */
function optimize(positions: Float64Array, count: number, heads: Int32Array, tails: Int32Array, weights: Float32Array, epochs: number, random: () => number): void {
  const edges = heads.length;
  let most = 0;
  for (let edge = 0; edge < edges; edge += 1) most = Math.max(most, weights[edge]);
  const every = new Float64Array(edges);
  const next = new Float64Array(edges);
  for (let edge = 0; edge < edges; edge += 1) next[edge] = every[edge] = most / weights[edge];
  let seed = (random() * 4294967296) >>> 0 || 1;
  const randomIndex = () => { // xorshift32: the inner loop's random numbers, cheaper than a closure over floats
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % count;
  };
  const clip = (value: number) => (value > CLIP ? CLIP : value < -CLIP ? -CLIP : value);
  for (let epoch = 1; epoch <= epochs; epoch += 1) {
    const rate = 1 - (epoch - 1) / epochs;
    for (let edge = 0; edge < edges; edge += 1) {
      if (next[edge] > epoch) continue;
      next[edge] += every[edge];
      const head = heads[edge] * 2;
      const tail = tails[edge] * 2;
      let dx = positions[head] - positions[tail];
      let dy = positions[head + 1] - positions[tail + 1];
      let d2 = dx * dx + dy * dy;
      if (d2 > 0) {
        const pull = -2 / (1 + d2);
        const gx = clip(pull * dx) * rate;
        const gy = clip(pull * dy) * rate;
        positions[head] += gx;
        positions[head + 1] += gy;
        positions[tail] -= gx;
        positions[tail + 1] -= gy;
      }
      for (let sample = 0; sample < NEGATIVE_SAMPLES; sample += 1) {
        const other = randomIndex() * 2;
        if (other === head) continue;
        dx = positions[head] - positions[other];
        dy = positions[head + 1] - positions[other + 1];
        d2 = dx * dx + dy * dy;
        const push = d2 > 0 ? (2 * REPULSION) / ((0.001 + d2) * (1 + d2)) : 0;
        positions[head] += (push > 0 ? clip(push * dx) : CLIP) * rate;
        positions[head + 1] += (push > 0 ? clip(push * dy) : 0) * rate;
      }
    }
  }
}

/**
 * Where the papers start: each topic's papers around the topic's point, topics laid out by the
 * same optimisation on the graph of topics (two topics are as close as the neighbour edges
 * between their papers), so that a topic starts in one piece and similar topics side by side.
 */
function initialPositions(count: number, topicOf: readonly string[], heads: Int32Array, tails: Int32Array, weights: Float32Array, random: () => number): Float64Array {
  const topics = [...new Set(topicOf)].sort();
  const topicIndex = new Map(topics.map((topic, index) => [topic, index]));
  const of = Int32Array.from(topicOf, (topic) => topicIndex.get(topic)!);
  const sizes = new Float64Array(topics.length);
  for (const topic of of) sizes[topic] += 1;
  const between = new Map<number, number>();
  for (let edge = 0; edge < heads.length; edge += 1) {
    const [a, b] = [of[heads[edge]], of[tails[edge]]];
    if (a === b) continue;
    const key = a < b ? a * topics.length + b : b * topics.length + a;
    between.set(key, (between.get(key) ?? 0) + weights[edge]);
  }
  const keys = [...between.keys()].sort((a, b) => a - b);
  // A topic pair's weight: its edges against what the two topics' sizes would give by chance.
  const topicWeights = Float32Array.from(keys, (key) => between.get(key)! / Math.sqrt(sizes[Math.floor(key / topics.length)] * sizes[key % topics.length]));
  const centres = new Float64Array(topics.length * 2);
  // On a circle to begin with: the topic layout spreads them from there.
  for (let topic = 0; topic < topics.length; topic += 1) {
    const angle = (2 * Math.PI * topic) / topics.length;
    centres[topic * 2] = 10 * Math.cos(angle);
    centres[topic * 2 + 1] = 10 * Math.sin(angle);
  }
  if (topics.length > 2 && keys.length > 0) {
    optimize(centres, topics.length, Int32Array.from(keys, (key) => Math.floor(key / topics.length)), Int32Array.from(keys, (key) => key % topics.length), topicWeights, 200, random);
  }
  const positions = new Float64Array(count * 2);
  for (let paper = 0; paper < count; paper += 1) {
    const topic = of[paper];
    // Gaussian spread (Box–Muller) growing with the topic's size, as its papers will need room.
    const spread = 0.15 * Math.sqrt(sizes[topic]) ** 0.5;
    const radius = spread * Math.sqrt(-2 * Math.log(1 - random()));
    const angle = 2 * Math.PI * random();
    positions[paper * 2] = centres[topic * 2] + radius * Math.cos(angle);
    positions[paper * 2 + 1] = centres[topic * 2 + 1] + radius * Math.sin(angle);
  }
  return positions;
}

/**
 * Layout units to the grid: the middle 99.8% of points in each direction fill it, keeping the
 * proportions, with a margin; the few beyond sit on its edge.
 */
function toGrid(positions: Float64Array, count: number): [number, number][] {
  const xs = Float64Array.from({ length: count }, (_, index) => positions[index * 2]).sort();
  const ys = Float64Array.from({ length: count }, (_, index) => positions[index * 2 + 1]).sort();
  const low = Math.floor(count * 0.001);
  const high = Math.max(low, count - 1 - low);
  const [x0, x1, y0, y1] = [xs[low], xs[high], ys[low], ys[high]];
  const span = Math.max(x1 - x0, y1 - y0, 1e-9);
  const scale = (MAP_SIZE * 0.94) / span;
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  return Array.from({ length: count }, (_, index) => [
    clampToGrid(MAP_SIZE / 2 + (positions[index * 2] - cx) * scale),
    clampToGrid(MAP_SIZE / 2 + (positions[index * 2 + 1] - cy) * scale),
  ]);
}

/** content/map.json as text: one line per paper, in slug order, so that a day's papers are a few added lines. */
export function serializeMap(map: StoredMap): string {
  const lines = [...map.points].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([slug, [x, y]]) => `    ${JSON.stringify(slug)}: [${x}, ${y}]`);
  return `{\n  "format": ${JSON.stringify(map.format)},\n  "laidOut": ${map.laidOut},\n  "placed": ${map.placed},\n  "points": {\n${lines.join(',\n')}\n  }\n}\n`;
}

/** content/map.json as the last run wrote it, or undefined when it is missing or not as written. */
export function parseMap(text: string): StoredMap | undefined {
  try {
    const data = JSON.parse(text) as { format?: unknown; laidOut?: unknown; placed?: unknown; points?: Record<string, unknown> };
    if (typeof data.format !== 'string' || typeof data.laidOut !== 'number' || typeof data.placed !== 'number' || typeof data.points !== 'object' || data.points === null) return undefined;
    const points = new Map<string, [number, number]>();
    for (const [slug, point] of Object.entries(data.points)) {
      if (!Array.isArray(point) || point.length !== 2 || !point.every((value) => Number.isInteger(value) && value >= 0 && value <= MAP_SIZE)) return undefined;
      points.set(slug, [point[0], point[1]]);
    }
    return { format: data.format, laidOut: data.laidOut, placed: data.placed, points };
  } catch {
    return undefined;
  }
}
