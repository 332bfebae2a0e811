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
 * For each paper, the most similar others by TF-IDF cosine over title and abstract (stop
 * words removed). Works from an inverted index of each paper's top terms, never an N×N
 * matrix: each paper keeps its top terms and each term its top papers, so the work per
 * paper is bounded and the whole grows linearly with N.
 */
export function relatePapers(papers: readonly PaperDraft[]): PaperDraft[] {
  const documents = papers.map((paper) => {
    const counts = new Map<string, number>();
    // The title counts twice: it is the paper's own summary of itself.
    const tokens = [...contentTokens(paper.primary.title), ...contentTokens(paper.primary.title), ...contentTokens(paper.primary.abstractText)];
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    return counts;
  });
  const documentFrequency = new Map<string, number>();
  for (const counts of documents) for (const term of counts.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const total = papers.length;
  const maxFrequency = Math.max(2, total * MAX_DOCUMENT_SHARE);

  // Unit-length sparse vectors of each paper's top terms.
  const vectors = documents.map((counts) => {
    const weights: [string, number][] = [];
    for (const [term, count] of counts) {
      const frequency = documentFrequency.get(term)!;
      if (frequency < 2 || frequency > maxFrequency) continue; // unique terms link to nothing
      weights.push([term, (1 + Math.log(count)) * Math.log(total / frequency)]);
    }
    weights.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const top = weights.slice(0, TERMS_PER_PAPER);
    const norm = Math.hypot(...top.map(([, weight]) => weight)) || 1;
    return top.map(([term, weight]) => [term, weight / norm] as const);
  });

  const postings = new Map<string, { paper: number; weight: number }[]>();
  vectors.forEach((vector, paper) => {
    for (const [term, weight] of vector) {
      let list = postings.get(term);
      if (!list) postings.set(term, (list = []));
      list.push({ paper, weight });
    }
  });

  for (const [term, list] of postings) {
    if (list.length > POSTINGS_PER_TERM) {
      postings.set(term, list.sort((a, b) => b.weight - a.weight || a.paper - b.paper).slice(0, POSTINGS_PER_TERM));
    }
  }

  const scores = new Float64Array(total);
  return papers.map((paper, index) => {
    const touched: number[] = [];
    for (const [term, weight] of vectors[index]) {
      for (const posting of postings.get(term)!) {
        if (posting.paper === index) continue;
        if (scores[posting.paper] === 0) touched.push(posting.paper);
        scores[posting.paper] += weight * posting.weight;
      }
    }
    const best = topRelated(touched, scores, papers).map((other) => papers[other].slug);
    for (const other of touched) scores[other] = 0;
    return { ...paper, related: best };
  });
}

/** The best few of the touched papers, by score then slug, without sorting them all. */
function topRelated(touched: readonly number[], scores: Float64Array, papers: readonly PaperDraft[]): number[] {
  const better = (a: number, b: number) => scores[a] > scores[b] || (scores[a] === scores[b] && papers[a].slug < papers[b].slug);
  const best: number[] = [];
  for (const other of touched) {
    if (best.length === RELATED_COUNT && !better(other, best[RELATED_COUNT - 1])) continue;
    let position = Math.min(best.length, RELATED_COUNT - 1);
    best[position] = other;
    while (position > 0 && better(best[position], best[position - 1])) {
      [best[position], best[position - 1]] = [best[position - 1], best[position]];
      position -= 1;
    }
  }
  return best;
}
