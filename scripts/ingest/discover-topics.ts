/**
 * Topics found from a collection's own titles and abstracts, whatever its field:
 *
 * 1. each paper's TF-IDF vector (the one related papers use, related-papers.ts) and its
 *    {@link NEIGHBOURS} nearest papers by cosine, through the same bounded inverted index;
 * 2. that nearest-neighbour graph clustered by Louvain (graphology-communities-louvain) with a
 *    seeded generator, over the papers in the order of their abstracts' digests, so that the
 *    same papers in any order give the same topics;
 * 3. communities smaller than {@link minTopicSize} joined to the one they are most tied to;
 * 4. each topic labelled by class-based TF-IDF over words and two-word phrases (stems counted,
 *    the spelling the abstracts use most shown), two to four per label, no phrase repeating
 *    another's words, no label shared by two topics.
 *
 * Pure: papers in, topics out. The ingest decides what to do with them.
 */
import type Graph from 'graphology';
import { WeightedGraph } from './weighted-graph.ts';
import louvain from 'graphology-communities-louvain';
import { createHash } from 'node:crypto';
import { seededRandom } from '../seeded-random.ts';
import { bestOf, scoreOthers, termIndex, type TermIndex } from './related-papers.ts';
import { STOP_WORDS, stem } from './text-tokens.ts';
import type { PaperDraft } from './types.ts';

/** Neighbours per paper in the graph: enough to tie a paper to its field, few enough to keep fields apart. */
export const NEIGHBOURS = 16;
/** Louvain's resolution: above 1 favours more, smaller communities. */
export const RESOLUTION = 1;
/** Louvain runs per clustering, the best kept. */
export const LOUVAIN_RUNS = 3;
/** The largest share of a collection one topic may hold before it is split into subtopics. */
export const MAX_SHARE = 0.11;
/** Louvain's resolution when a topic too large is split: low, so that it splits into a few parts, not many. */
export const SPLIT_RESOLUTION = 0.4;
/** A paper's second and third topics: each holds at least this share of the paper's neighbour weight. */
export const SECONDARY_SHARE = 0.34;

/** The smallest topic: 10 papers, or 0.2% of a large collection; a tenth of a small one (3 at least). */
export function minTopicSize(papers: number): number {
  return Math.max(3, Math.min(Math.max(10, Math.round(papers * 0.002)), Math.round(papers / 10)));
}

/** One discovered topic. */
export interface DiscoveredTopic {
  /** Label phrases, most distinctive first, as the abstracts write them (2–4). */
  terms: string[];
  /** Indexes of its papers (those whose primary topic it is), in input order. */
  papers: number[];
  /** The paper most tied to the rest of the topic: its centre. */
  central: number;
}

/** A paper's nearest papers (indexes) and their cosine similarity, nearest first. */
export interface Neighbours {
  others: Int32Array;
  weights: Float64Array;
}

/** What discovery found: the topics, largest first, each paper's topics (indexes into them), primary first, and each paper's neighbours. */
export interface Discovery {
  topics: DiscoveredTopic[];
  assignments: number[][];
  neighbours: Neighbours[];
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * Each paper's {@link NEIGHBOURS} nearest papers with their cosine, through the inverted index of
 * top terms (indexes as given); with `only`, just those papers' (the others' lists are empty).
 */
export function nearestNeighbours(papers: readonly PaperDraft[], index: TermIndex = termIndex(papers, canonicalRanks(papers)), only?: ReadonlySet<number>): Neighbours[] {
  const scores = new Float64Array(papers.length);
  const { ranks } = index;
  const better = (a: number, b: number) => scores[a] > scores[b] || (scores[a] === scores[b] && ranks[a] < ranks[b]);
  return papers.map((_, self) => {
    if (only && !only.has(self)) return { others: new Int32Array(0), weights: new Float64Array(0) };
    const touched = scoreOthers(index, self, scores);
    const best = bestOf(touched, NEIGHBOURS, better);
    const result = { others: Int32Array.from(best), weights: Float64Array.from(best, (other) => scores[other]) };
    for (const other of touched) scores[other] = 0;
    return result;
  });
}

/**
 * Each paper's rank in a canonical order (by its abstract's digest, then title), so that the order
 * of the dumps never matters: ties in the term index and the neighbour lists go by it.
 */
export function canonicalRanks(papers: readonly PaperDraft[]): Int32Array {
  const order = papers.map((paper, index) => ({ index, key: `${digest(paper.primary.abstractText)}${paper.primary.title}` }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
  const ranks = new Int32Array(papers.length);
  order.forEach((entry, rank) => { ranks[entry.index] = rank; });
  return ranks;
}

/**
 * Discover the topics of a collection; with `labels: false`, the topics' terms are left empty (the
 * caller labels its own groups). `index` is the papers' term index (built with
 * {@link canonicalRanks}: the one related papers use), built here when not given.
 */
export function discoverTopics(input: readonly PaperDraft[], { labels: withLabels = true, index = termIndex(input, canonicalRanks(input)) }: { labels?: boolean; index?: TermIndex } = {}): Discovery {
  if (input.length === 0) return { topics: [], assignments: [], neighbours: [] };
  // The canonical order: the graph is built and clustered in it, so that the order of the dumps never matters.
  const order = Int32Array.from(index.ranks.keys()).sort((a, b) => index.ranks[a] - index.ranks[b]);
  const papers = Array.from(order, (position) => input[position]);
  const found = nearestNeighbours(input, index);
  const neighbours = Array.from(order, (position) => ({ others: Int32Array.from(found[position].others, (other) => index.ranks[other]), weights: found[position].weights }));

  // Each pair of neighbours is one edge, of the higher of their two weights. A pair is met again
  // only at the later paper's turn, when the earlier one listed it: found there, not in a map of
  // every edge (1.2 million at 100,000 papers).
  const graph = new WeightedGraph(Array.from(papers.keys()));
  const edgeOf = neighbours.map(({ others }) => new Int32Array(others.length));
  neighbours.forEach(({ others, weights }, index) => {
    for (let position = 0; position < others.length; position += 1) {
      const other = others[position];
      if (other === index) continue;
      const listed = other < index ? neighbours[other].others.indexOf(index) : -1;
      if (listed >= 0) graph.raise((edgeOf[index][position] = edgeOf[other][listed]), weights[position]);
      else edgeOf[index][position] = graph.add(Math.min(index, other), Math.max(index, other), weights[position]);
    }
  });
  const mapping = graph.size === 0 ? {} : bestPartition(graph, RESOLUTION, 20261204);
  const community = Int32Array.from({ length: papers.length }, (_, index) => mapping[String(index)] ?? -1);
  // Papers tied to nothing (no shared term) form one group of their own, never a crash.
  let next = Math.max(-1, ...community) + 1;
  const loose = next++;
  for (let index = 0; index < community.length; index += 1) if (community[index] < 0) community[index] = loose;

  splitLarge(community, graph, Math.max(minTopicSize(papers.length) * 2, Math.floor(papers.length * MAX_SHARE)));
  joinSmall(community, neighbours, minTopicSize(papers.length));

  // Topics by size (then by their first paper in canonical order), renumbered 0…n-1.
  const members = new Map<number, number[]>();
  community.forEach((id, index) => members.get(id)?.push(index) ?? members.set(id, [index]));
  const ranked = [...members.entries()].sort((a, b) => b[1].length - a[1].length || a[1][0] - b[1][0]);
  const renumber = new Map(ranked.map(([id], rank) => [id, rank]));
  const primary = Int32Array.from(community, (id) => renumber.get(id)!);

  const assignments = papers.map((_, index) => {
    const weightBy = new Map<number, number>();
    let total = 0;
    const { others, weights } = neighbours[index];
    for (let position = 0; position < others.length; position += 1) {
      const topic = primary[others[position]];
      weightBy.set(topic, (weightBy.get(topic) ?? 0) + weights[position]);
      total += weights[position];
    }
    const secondary = [...weightBy.entries()]
      .filter(([topic, weight]) => topic !== primary[index] && total > 0 && weight / total >= SECONDARY_SHARE)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, 2)
      .map(([topic]) => topic);
    return [primary[index], ...secondary];
  });

  const labels = withLabels ? labelGroups(papers, primary, ranked.length) : ranked.map(() => []);
  const topics: DiscoveredTopic[] = ranked.map(([, list], rank) => ({
    terms: labels[rank],
    papers: list.map((index) => order[index]).sort((a, b) => a - b),
    central: order[centralPaper(list, primary, neighbours)],
  }));
  const byInput: number[][] = new Array(input.length);
  order.forEach((original, position) => { byInput[original] = assignments[position]; });
  return { topics, assignments: byInput, neighbours: found };
}

/**
 * Split every community larger than `max` papers by clustering its own subgraph again (a field
 * as large as a tenth of the collection has subfields worth their own topics), until none is
 * larger or a community no longer splits.
 */
function splitLarge(community: Int32Array, graph: WeightedGraph, max: number): void {
  let next = Math.max(...community) + 1;
  const stuck = new Set<number>();
  for (;;) {
    const sizes = new Map<number, number>();
    for (const id of community) sizes.set(id, (sizes.get(id) ?? 0) + 1);
    const large = [...sizes.entries()].filter(([id, size]) => size > max && !stuck.has(id)).sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    if (!large) return;
    const [id] = large;
    const sub = graph.subgraph((node) => community[node] === id);
    const parts = sub.size === 0 ? {} : bestPartition(sub, SPLIT_RESOLUTION, 20261204 + id);
    const renumber = new Map<number, number>();
    for (const [node, part] of Object.entries(parts)) {
      if (!renumber.has(part)) renumber.set(part, renumber.size === 0 ? id : next++);
      community[Number(node)] = renumber.get(part)!;
    }
    if (renumber.size <= 1) stuck.add(id);
  }
}

/** Louvain's partition of the highest modularity over a few seeded runs (one run can settle in a poor optimum). */
export function bestPartition(graph: WeightedGraph, resolution: number, seed: number): Record<string, number> {
  let best: { communities: Record<string, number>; modularity: number } | undefined;
  for (let run = 0; run < LOUVAIN_RUNS; run += 1) {
    const result = louvain.detailed(graph as unknown as Graph, { rng: seededRandom(seed + run), resolution, getEdgeWeight: 'weight' });
    if (!best || result.modularity > best.modularity) best = result;
  }
  return best!.communities;
}

/** Join every community smaller than `min` to the one its papers are most tied to, smallest first, until none is left. */
function joinSmall(community: Int32Array, neighbours: readonly { others: Int32Array; weights: Float64Array }[], min: number): void {
  // Each community's papers, kept as communities join: a join costs its own papers, not the collection.
  const members = new Map<number, number[]>();
  community.forEach((id, index) => members.get(id)?.push(index) ?? members.set(id, [index]));
  for (;;) {
    if (members.size <= 1) return;
    let id = -1;
    for (const [candidate, list] of members) {
      if (list.length < min && (id < 0 || list.length < members.get(id)!.length || (list.length === members.get(id)!.length && candidate < id))) id = candidate;
    }
    if (id < 0) return;
    const joining = members.get(id)!.sort((a, b) => a - b); // in the papers' order, as the sums were always taken
    const ties = new Map<number, number>();
    for (const index of joining) {
      const { others, weights } = neighbours[index];
      for (let position = 0; position < others.length; position += 1) {
        const other = community[others[position]];
        if (other !== id) ties.set(other, (ties.get(other) ?? 0) + weights[position]);
      }
    }
    // Tied to nothing: the largest community takes it.
    const target = [...ties.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0]
      ?? [...members.entries()].filter(([other]) => other !== id).sort((a, b) => b[1].length - a[1].length || a[0] - b[0])[0][0];
    for (const index of joining) community[index] = target;
    members.get(target)!.push(...joining);
    members.delete(id);
  }
}

/** The paper with the most neighbour weight inside its own topic. */
function centralPaper(list: readonly number[], primary: Int32Array, neighbours: readonly { others: Int32Array; weights: Float64Array }[]): number {
  let best = list[0];
  let bestWeight = -1;
  for (const index of list) {
    let weight = 0;
    const { others, weights } = neighbours[index];
    for (let position = 0; position < others.length; position += 1) if (primary[others[position]] === primary[index]) weight += weights[position];
    if (weight > bestWeight) [best, bestWeight] = [index, weight];
  }
  return best;
}

/** Stems by word, computed once per distinct word. */
const keys = new Map<string, string>();

function keyOf(word: string): string {
  let key = keys.get(word);
  if (key === undefined) {
    const lower = word.toLowerCase();
    const ascii = /^[\x00-\x7f]*$/.test(lower) ? lower : lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    key = /^[a-z][a-z0-9-]*$/.test(ascii) ? stem(ascii) : ascii;
    keys.set(word, key);
  }
  return key;
}

/** Words of a text as written (lower-cased unless an acronym), with their stems. */
function words(text: string): { word: string; key: string }[] {
  const out: { word: string; key: string }[] = [];
  for (const match of text.matchAll(/[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu)) {
    const raw = match[0];
    const word = /^[\p{Lu}\p{N}]{2,}s?$/u.test(raw) ? raw : raw.toLowerCase();
    out.push({ word, key: keyOf(word) });
  }
  return out;
}

const LABEL_TERMS = 4;
const MIN_LABEL_TERMS = 2;

/**
 * Two to four label phrases for each group of papers (`group[index]`, -1 for none) by class-based
 * TF-IDF; no label starts with another's first phrase.
 */
export function labelGroups(papers: readonly PaperDraft[], primary: Int32Array, count: number): string[][] {
  return labelsOf(countGroupTerms(papers, primary, count));
}

/** What labels are chosen from: each group's term counts (every occurrence, and papers holding it), its size, and every term's spellings. */
export interface GroupTerms {
  frequency: Map<string, number>[];
  documents: Map<string, number>[];
  sizes: Int32Array;
  spelled: Map<string, Map<string, number>>;
}

/**
 * The term counts of groups made of whole groups (`parent[group]`, -1 for none): exactly what
 * counting their papers afresh would give (a paper is in one group), without reading them again.
 */
export function mergeGroupTerms(terms: GroupTerms, parent: readonly number[], count: number): GroupTerms {
  const frequency: Map<string, number>[] = Array.from({ length: count }, () => new Map());
  const documents: Map<string, number>[] = Array.from({ length: count }, () => new Map());
  const sizes = new Int32Array(count);
  parent.forEach((into, group) => {
    if (into < 0) return;
    for (const [term, value] of terms.frequency[group]) frequency[into].set(term, (frequency[into].get(term) ?? 0) + value);
    for (const [term, value] of terms.documents[group]) documents[into].set(term, (documents[into].get(term) ?? 0) + value);
    sizes[into] += terms.sizes[group];
  });
  return { frequency, documents, sizes, spelled: terms.spelled };
}

/** Count each group's words and two-word phrases (`group[index]`, -1 for none). */
export function countGroupTerms(papers: readonly PaperDraft[], primary: Int32Array, count: number): GroupTerms {
  const frequency: Map<string, number>[] = Array.from({ length: count }, () => new Map());
  const spelled = new Map<string, Map<string, number>>();
  const documents: Map<string, number>[] = Array.from({ length: count }, () => new Map());
  const count1 = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  papers.forEach((paper, index) => {
    const topic = primary[index];
    if (topic < 0) return;
    const seen = new Set<string>();
    // TeX and markup are not words of the abstract: commands and math are left out.
    // Structured abstracts' labels (METHODS:, FINANCIAL DISCLOSURE:) are not what a paper is about.
    const text = `${paper.primary.title}. ${paper.primary.abstractText}`.normalize('NFC').replace(/\$[^$]*\$|\\[A-Za-z]+|<[^>]*>|\b[A-Z][A-Z ,/&-]*[A-Z]:(?=\s)/g, ' . ');
    for (const clause of text.split(/[.,;:!?()[\]{}"“”]+/)) {
      const list = words(clause);
      const add = (term: string, surface: string) => {
        count1(frequency[topic], term);
        let forms = spelled.get(term);
        if (!forms) spelled.set(term, (forms = new Map()));
        count1(forms, surface);
        if (!seen.has(term)) {
          seen.add(term);
          count1(documents[topic], term);
        }
      };
      for (let position = 0; position < list.length; position += 1) {
        const { word, key } = list[position];
        if (isStop(word)) continue;
        add(key, word);
        const following = list[position + 1];
        if (following && !isStop(following.word)) add(`${key} ${following.key}`, `${word} ${following.word}`);
      }
    }
  });
  const sizes = new Int32Array(count);
  for (const topic of primary) if (topic >= 0) sizes[topic] += 1;
  return { frequency, documents, sizes, spelled };
}

/** Two to four label phrases for each group by class-based TF-IDF; no label starts with another's first phrase. */
export function labelsOf({ frequency, documents, sizes, spelled }: GroupTerms): string[][] {
  const count = frequency.length;
  const total = new Map<string, number>();
  for (const map of frequency) for (const [term, value] of map) total.set(term, (total.get(term) ?? 0) + value);
  const average = [...frequency].reduce((sum, map) => sum + [...map.values()].reduce((a, b) => a + b, 0), 0) / Math.max(1, count);
  const used = new Set<string>();
  return frequency.map((map, topic) => {
    const scored: [string, number][] = [];
    for (const [term, value] of map) {
      // A label phrase is in at least two of the topic's papers (or a fifth of a tiny one).
      const inPapers = documents[topic].get(term) ?? 0;
      if (inPapers < Math.min(2, sizes[topic])) continue;
      const phrase = term.includes(' ') ? 1.3 : 1;
      scored.push([term, phrase * (value / Math.max(1, sizes[topic])) * Math.log(1 + average / total.get(term)!) * Math.sqrt(inPapers / sizes[topic])]);
    }
    scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const chosen: string[] = [];
    const words = new Set<string>();
    for (const [term] of scored) {
      if (chosen.length >= LABEL_TERMS) break;
      const parts = term.split(' ').map(root);
      // Diversity: a phrase never repeats a word already in the label.
      if (parts.some((part) => words.has(part))) continue;
      const surface = mostUsed(spelled.get(term)!);
      if (chosen.length === 0 && used.has(surface.toLowerCase())) continue;
      chosen.push(surface);
      for (const part of parts) words.add(part);
    }
    while (chosen.length < MIN_LABEL_TERMS && scored.length > chosen.length) {
      const extra = scored.map(([term]) => mostUsed(spelled.get(term)!)).find((surface) => !chosen.includes(surface));
      if (!extra) break;
      chosen.push(extra);
    }
    // No two labels alike: the first phrase of each label is its own.
    used.add((chosen[0] ?? '').toLowerCase());
    return chosen;
  });
}

/** A stem's root for the diversity rule: cell, cells and celled meet (the stemmer keeps some of them apart). */
function root(key: string): string {
  return key.replace(/(?:es|s)$/, '').replace(/([b-df-hj-np-tv-z])\1$/, '$1');
}

const stops = new Map<string, boolean>();

function isStop(word: string): boolean {
  let stop = stops.get(word);
  if (stop === undefined) {
    const lower = word.toLowerCase();
    stop = lower.length < 3 || STOP_WORDS.has(lower) || STOP_WORDS.has(keyOf(lower)) || /^\d/.test(lower) || EXTRA_STOP.has(lower);
    stops.set(word, stop);
  }
  return stop;
}

/** Words abstracts use in every field (beyond the stop words of related papers): no label says "we find". */
const EXTRA_STOP = new Set(`find found obtain obtained give given also however here this these those their such which our its
can may also well thus show shown report reported investigate investigated present presented discuss discussed consider considered
provide provides provided describe described demonstrate demonstrated suggest suggests suggested include including including include
high higher low lower large larger small smaller significant significantly important different similar various number numbers
non total due level levels case cases effect effects data analysis model models time study studied results result paper approach
use used using first second third one two three four five six new recent recently further furthermore moreover therefore`.split(/\s+/));

function mostUsed(spellings: Map<string, number>): string {
  return [...spellings.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
}

/** A topic's label: its phrases joined, the first capitalised ("Dark matter halos · galaxy clusters"). */
export function topicLabel(terms: readonly string[]): string {
  const [first = '', ...rest] = terms;
  return [first.charAt(0).toUpperCase() + first.slice(1), ...rest].join(' · ');
}
