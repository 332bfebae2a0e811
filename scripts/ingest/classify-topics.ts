import { join } from 'node:path';
import { keyOf, Memo, saltOf } from '../build/memo.ts';
import { summaryTitle } from './derive-title.ts';
import { tokenize } from './text-tokens.ts';
import type { PaperDraft } from './types.ts';
import type { Topic } from '../../src/schemas/topic.ts';
import { TOPIC_CODE } from '../build/inputs.ts';

/** A topic with its slug, as read from `content/topics.yaml` in file order. */
export interface TopicEntry extends Topic {
  slug: string;
}

/** Weights of the scoring: where a term matched, and how long it is. */
const TITLE_WEIGHT = 3;
const ABSTRACT_WEIGHT = 1;
const PHRASE_FACTOR = 1.5;
/** Matches of one term in one abstract beyond this count add nothing: one theme, not ten. */
const MAX_HITS = 3;
/** Least score for a topic to be assigned at all, and share of the best score for a second or third. */
const MIN_SCORE = 3;
const SECONDARY_SHARE = 0.5;
const MAX_TOPICS = 3;

/** Tokens of a text with, for each distinct token, where it occurs: a sequence is only tried where its first token is. */
export interface IndexedTokens {
  tokens: readonly string[];
  positions: ReadonlyMap<string, readonly number[]>;
}

/** Index a token list for countSequence. */
export function indexTokens(tokens: readonly string[]): IndexedTokens {
  const positions = new Map<string, number[]>();
  tokens.forEach((token, index) => {
    const list = positions.get(token);
    if (list) list.push(index);
    else positions.set(token, [index]);
  });
  return { tokens, positions };
}

function countSequence({ tokens, positions }: IndexedTokens, sequence: readonly string[]): number {
  let count = 0;
  outer: for (const index of positions.get(sequence[0]) ?? []) {
    if (index + sequence.length > tokens.length) continue;
    for (let offset = 1; offset < sequence.length; offset += 1) {
      if (tokens[index + offset] !== sequence[offset]) continue outer;
    }
    count += 1;
  }
  return count;
}

/** Score of one topic for a title and an abstract (already tokenized and indexed). */
export function scoreTopic(topic: TopicEntry, title: IndexedTokens, abstract: IndexedTokens): number {
  let score = 0;
  topic.terms.forEach((term, rank) => {
    const sequence = tokenize(term);
    if (sequence.length === 0) return;
    // Earlier terms are the more telling ones: 1.0 for the first, down to 0.5.
    const priority = Math.max(0.5, 1 - rank * 0.05);
    const length = sequence.length > 1 ? PHRASE_FACTOR : 1;
    const hits = Math.min(MAX_HITS, countSequence(title, sequence)) * TITLE_WEIGHT + Math.min(MAX_HITS, countSequence(abstract, sequence)) * ABSTRACT_WEIGHT;
    score += hits * length * priority;
  });
  return score;
}

/** A word in at most this share of the papers (or in two) is rare enough to decide a topic alone. */
const RARE_SHARE = 0.01;

/** True when a paper matches two distinct terms of the topic, one of its phrases, one rare word, or one word in both its title and its abstract. */
export function isDecisive(topic: TopicEntry, title: IndexedTokens, abstract: IndexedTokens, rare: (word: string) => boolean = () => false): boolean {
  let words = 0;
  for (const term of topic.terms) {
    const sequence = tokenize(term);
    if (sequence.length === 0 || countSequence(title, sequence) + countSequence(abstract, sequence) === 0) continue;
    // A phrase, a rare word, or a word of the title that the abstract repeats: what the paper is about.
    if (sequence.length > 1 || rare(sequence[0]) || (countSequence(title, sequence) > 0 && countSequence(abstract, sequence) > 0)) return true;
    words += 1;
    if (words >= 2) return true;
  }
  return false;
}

/**
 * Each paper's pinned topics, best first (none when no topic matches it): the best-scoring
 * topic when it reaches the minimum, then others scoring at least half as much, each only when
 * it matches decisively (isDecisive). Ties keep the order of `topics.yaml`.
 */
export function classifyTopics(papers: readonly PaperDraft[], topics: readonly TopicEntry[], memo?: TopicMemo): string[][] {
  const scored = topics.filter((topic) => !topic.catchAll);
  const byslug = new Map(scored.map((topic) => [topic.slug, topic]));
  const rank = (title: IndexedTokens, abstract: IndexedTokens): string[] => {
    const ranked = scored
      .map((topic, order) => ({ slug: topic.slug, order, score: scoreTopic(topic, title, abstract) }))
      .sort((a, b) => b.score - a.score || a.order - b.order);
    const best = ranked[0]?.score ?? 0;
    return best < MIN_SCORE ? [] : ranked.filter((entry) => entry.score >= Math.max(MIN_SCORE, best * SECONDARY_SHARE)).map((entry) => entry.slug);
  };
  // One word alone in an abstract never decides a topic ("data", "loss", "representation" are
  // words of every field): the topic needs two of its terms, one of its phrases, one word rare in
  // the collection, or one word the title holds and the abstract repeats.
  const words = new Set(scored.flatMap((topic) => topic.terms.map(tokenize).filter((sequence) => sequence.length === 1).map(([word]) => word)));
  const frequency = new Map<string, number>();
  for (const paper of papers) {
    for (const word of new Set(tokenize(`${summaryTitle(paper.primary)} ${paper.primary.abstractText}`))) if (words.has(word)) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  }
  const rare = (word: string) => (frequency.get(word) ?? 0) <= Math.max(2, papers.length * RARE_SHARE);
  return papers.map((paper) => {
    const titleText = summaryTitle(paper.primary);
    const title = indexTokens(tokenize(titleText));
    const abstract = indexTokens(tokenize(paper.primary.abstractText));
    const candidates = memo ? memo.get(titleText, paper.primary.abstractText, () => rank(title, abstract)) : rank(title, abstract);
    return candidates.filter((slug) => byslug.has(slug) && isDecisive(byslug.get(slug)!, title, abstract, rare)).slice(0, MAX_TOPICS);
  });
}

/**
 * The topics each paper was given last run, by a digest of its title and abstract, under a
 * digest of the taxonomy and of this code: a paper whose text and taxonomy did not change is
 * not scored again (0.9 s at 10,000 papers). Kept in .cache/atlas/; the output never depends on it.
 */
export class TopicMemo {
  readonly #memo: Memo<string[]>;

  constructor(file: string, topics: readonly TopicEntry[]) {
    this.#memo = new Memo(file, saltOf(join(import.meta.dirname, '..', '..'), TOPIC_CODE, JSON.stringify(topics)));
  }

  get(title: string, abstract: string, classify: () => string[]): string[] {
    return this.#memo.getOrCompute(keyOf(title, abstract), classify);
  }

  save(): void {
    this.#memo.save();
  }
}
