import { summaryTitle } from './derive-title.ts';
import { contentTokens } from './text-tokens.ts';
import type { PaperDraft } from './types.ts';

/** How many related papers each paper lists. */
export const RELATED_COUNT = 5;
/** Terms kept per paper: its most distinctive ones. Bounds the work per paper whatever N is. */
const TERMS_PER_PAPER = 40;
/** Terms in more than this share of papers say nothing about similarity and are skipped. */
const MAX_DOCUMENT_SHARE = 0.5;
/** Papers kept per term: those where it weighs most. Bounds the work per paper whatever N is. */
const POSTINGS_PER_TERM = 200;
/**
 * A paper keeps the related list it was published with while no other paper beats the list's
 * weakest member by more than this share of its score. Every added paper shifts every term's
 * weight a little, which used to reorder or swap near-ties in about one list in eight for a
 * day's 50 papers, and so rewrite and render those papers' pages again for nothing.
 */
export const RELATED_MARGIN = 0.1;

/**
 * For each paper, the most similar others by TF-IDF cosine over title and abstract (stop
 * words removed). Works from an inverted index of each paper's top terms, never an N×N
 * matrix: each paper keeps its top terms and each term its top papers, so the work per
 * paper is bounded and the whole grows linearly with N.
 */
export function relatePapers(papers: readonly PaperDraft[], previous: ReadonlyMap<string, readonly string[]> = new Map(), index: TermIndex = termIndex(papers), neighbours?: Neighbours): PaperDraft[] {
  const indexOf = new Map(papers.map((paper, position) => [paper.slug, position]));
  const scores = new Float64Array(papers.length);
  const better = (a: number, b: number) => scores[a] > scores[b] || (scores[a] === scores[b] && papers[a].slug < papers[b].slug);
  return papers.map((paper, self) => {
    const touched = scoreOthers(index, self, scores);
    const kept = keptList(previous.get(paper.slug), self, touched, scores, indexOf);
    // The map's graph (layout-map.ts) wants more of the same ranking, never a kept list: one ranking serves both.
    const nearest = bestOf(touched, Math.max(RELATED_COUNT, neighbours?.count ?? 0), better);
    const best = kept ? [...kept] : nearest.slice(0, RELATED_COUNT).map((other) => papers[other].slug);
    if (neighbours) {
      const mine = nearest.slice(0, neighbours.count);
      neighbours.of[self] = Int32Array.from(mine);
      neighbours.similarity[self] = Float32Array.from(mine, (other) => scores[other]);
    }
    for (const other of touched) scores[other] = 0;
    return { ...paper, related: best };
  });
}

/** Each paper's `count` most similar papers (indices) and their cosines, best first: filled by relatePapers. */
export interface Neighbours {
  count: number;
  of: Int32Array[];
  similarity: Float32Array[];
}

/** An empty {@link Neighbours} for `count` most similar papers each. */
export function neighbourLists(count: number): Neighbours {
  return { count, of: [], similarity: [] };
}

/**
 * The paper's previous related list, when it still holds: all its papers are still here and
 * related, it is as long as a new list would be, and no paper outside it scores more than
 * RELATED_MARGIN above its weakest member. Else undefined, and the list is chosen afresh.
 */
function keptList(list: readonly string[] | undefined, self: number, touched: readonly number[], scores: Float64Array, indexOf: ReadonlyMap<string, number>): readonly string[] | undefined {
  if (list === undefined || list.length !== Math.min(RELATED_COUNT, touched.length)) return undefined;
  let weakest = Infinity;
  const members = new Set<number>();
  for (const slug of list) {
    const other = indexOf.get(slug);
    if (other === undefined || other === self || scores[other] === 0 || members.has(other)) return undefined;
    members.add(other);
    weakest = Math.min(weakest, scores[other]);
  }
  const bar = weakest * (1 + RELATED_MARGIN);
  for (const other of touched) if (!members.has(other) && scores[other] > bar) return undefined;
  return list;
}

/**
 * Score every paper that shares a top term with paper `self` (cosine over the index), into
 * `scores`; returns those it touched. The caller sets their scores back to 0 once done.
 */
export function scoreOthers({ vectors, postings }: TermIndex, self: number, scores: Float64Array): number[] {
  const touched: number[] = [];
  const { terms, values } = vectors[self];
  for (let position = 0; position < terms.length; position += 1) {
    const weight = values[position];
    const { papers: others, weights } = postings[terms[position]];
    for (let entry = 0; entry < others.length; entry += 1) {
      const other = others[entry];
      if (other === self) continue;
      if (scores[other] === 0) touched.push(other);
      scores[other] += weight * weights[entry];
    }
  }
  return touched;
}

/** The best `count` candidates by `better`, without sorting them all (a paper touches thousands of others at 10,000 papers). */
export function bestOf(candidates: readonly number[], count: number, better: (a: number, b: number) => boolean): number[] {
  const best: number[] = [];
  for (const candidate of candidates) {
    if (best.length === count && !better(candidate, best[count - 1])) continue;
    let position = Math.min(best.length, count - 1);
    best[position] = candidate;
    while (position > 0 && better(best[position], best[position - 1])) {
      [best[position], best[position - 1]] = [best[position - 1], best[position]];
      position -= 1;
    }
  }
  return best;
}

/** The papers' vectors and each term's heaviest papers: what related papers and topics both search. */
export interface TermIndex {
  vectors: PaperVector[];
  postings: { papers: Int32Array; weights: Float64Array }[];
  /** Each paper's rank in a canonical order, for ties: the same papers in any order give the same lists. */
  ranks: Int32Array;
}

/**
 * Build the term index of a set of papers (in steps of their own, so that each step's working data
 * is let go before the next: at 100,000 papers the term counts alone are several hundred
 * megabytes). Ties go to the paper of lower rank (`ranks`: the input order unless given).
 */
export function termIndex(papers: readonly PaperDraft[], ranks: Int32Array = Int32Array.from(papers, (_, index) => index)): TermIndex {
  const { vectors, terms } = paperVectors(papers);
  return { vectors, postings: termPostings(vectors, terms, ranks), ranks };
}

/** A paper's top terms as a unit-length sparse vector, terms as small integers. */
interface PaperVector {
  terms: Int32Array;
  values: Float64Array;
}

/** Each paper's vector of its top terms by TF-IDF, and how many distinct terms they use. */
function paperVectors(papers: readonly PaperDraft[]): { vectors: PaperVector[]; terms: number } {
  // Counted twice, one paper at a time (the tokens are cached): holding every paper's counts
  // at once took several hundred megabytes at 100,000 papers.
  const countsOf = (paper: PaperDraft) => {
    const counts = new Map<string, number>();
    // The title counts twice: it is the paper's own summary of itself.
    const title = contentTokens(summaryTitle(paper.primary));
    for (const tokens of [title, title, contentTokens(paper.primary.abstractText)]) for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    return counts;
  };
  const documentFrequency = new Map<string, number>();
  for (const paper of papers) for (const term of countsOf(paper).keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const total = papers.length;
  const maxFrequency = Math.max(2, total * MAX_DOCUMENT_SHARE);

  const termIds = new Map<string, number>();
  const vectors = papers.map((paper) => {
    const weights: [string, number][] = [];
    for (const [term, count] of countsOf(paper)) {
      const frequency = documentFrequency.get(term)!;
      if (frequency < 2 || frequency > maxFrequency) continue; // unique terms link to nothing
      weights.push([term, (1 + Math.log(count)) * Math.log(total / frequency)]);
    }
    weights.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const top = weights.slice(0, TERMS_PER_PAPER);
    const norm = Math.hypot(...top.map(([, weight]) => weight)) || 1;
    const terms = new Int32Array(top.length);
    const values = new Float64Array(top.length);
    top.forEach(([term, weight], position) => {
      let id = termIds.get(term);
      if (id === undefined) termIds.set(term, (id = termIds.size));
      terms[position] = id;
      values[position] = weight / norm;
    });
    return { terms, values };
  });
  return { vectors, terms: termIds.size };
}

/**
 * Each term's papers, the heaviest first, at most POSTINGS_PER_TERM (ties: the paper of lower rank).
 * Laid out in two flat typed arrays, a term's papers in paper order, then cut and sorted term by
 * term: an object per posting was 3 million objects at 100,000 papers.
 */
function termPostings(vectors: readonly PaperVector[], termCount: number, ranks: Int32Array): { papers: Int32Array; weights: Float64Array }[] {
  const starts = new Int32Array(termCount + 1);
  for (const { terms } of vectors) for (const term of terms) starts[term + 1] += 1;
  for (let term = 0; term < termCount; term += 1) starts[term + 1] += starts[term];
  const next = starts.slice(0, termCount);
  const papers = new Int32Array(starts[termCount]);
  const weights = new Float64Array(starts[termCount]);
  vectors.forEach(({ terms, values }, paper) => {
    for (let position = 0; position < terms.length; position += 1) {
      const at = next[terms[position]]++;
      papers[at] = paper;
      weights[at] = values[position];
    }
  });
  const postings: { papers: Int32Array; weights: Float64Array }[] = new Array(termCount);
  for (let term = 0; term < termCount; term += 1) {
    const [from, to] = [starts[term], starts[term + 1]];
    if (to - from <= POSTINGS_PER_TERM) {
      postings[term] = { papers: papers.subarray(from, to), weights: weights.subarray(from, to) };
      continue;
    }
    const order = Array.from({ length: to - from }, (_, index) => from + index)
      .sort((a, b) => weights[b] - weights[a] || ranks[papers[a]] - ranks[papers[b]])
      .slice(0, POSTINGS_PER_TERM);
    postings[term] = { papers: Int32Array.from(order, (at) => papers[at]), weights: Float64Array.from(order, (at) => weights[at]) };
  }
  return postings;
}
