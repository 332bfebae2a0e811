/**
 * Every paper's topics: the user's pinned topics (content/topics.yaml) where they describe the
 * paper's field, discovered topics (discover-topics.ts) for every other paper, never a catch-all
 * for want of a hand-written term.
 *
 * - A pinned topic takes a paper it matches decisively (two of its terms, or one phrase:
 *   classify-topics.ts) only when the paper's discovered cluster is one the taxonomy describes
 *   (at least {@link PINNED_FIELD_SHARE} of the cluster matches a pinned topic: most of it): an ML taxonomy
 *   never captures a cataract study through "learning" and "patients".
 * - Every other paper goes to a discovered topic: its cluster's papers that no pinned topic took,
 *   labelled by their own words. A group too small for a topic joins the topic its neighbours
 *   are in.
 * - Stable: when the last run published discovered topics (content/topics.json), a paper keeps
 *   the topics it had, and a new paper joins the topic most of its nearest papers are in; the
 *   collection is clustered again only on request (`--retopic`) or when it has no discovered
 *   topic yet. A topic's slug, once published, is never given to another.
 */
import { forgetTokens } from './text-tokens.ts';
import { summaryTitle } from './derive-title.ts';
import { bestPartition, canonicalRanks, countGroupTerms, discoverTopics, labelsOf, mergeGroupTerms, minTopicSize, nearestNeighbours, topicLabel, type Discovery, type GroupTerms } from './discover-topics.ts';
import { classifyTopics, type TopicEntry, type TopicMemo } from './classify-topics.ts';
import { slugify } from './slugify.ts';
import { warn } from './messages.ts';
import type { TopicOverride } from './read-topics.ts';
import { termIndex, type TermIndex } from './related-papers.ts';
import type { Message, PaperDraft } from './types.ts';
import { PAGE_SIZE } from '../../src/lib/page-size.ts';
import { arxivName, countSubjects } from '../../src/lib/subjects.ts';
import { WeightedGraph } from './weighted-graph.ts';

/** The least share of a cluster a pinned topic set must match for its matches there to count. */
export const PINNED_FIELD_SHARE = 0.5;

/** A discovered topic as content/topics.json keeps it. */
export interface DiscoveredEntry extends TopicEntry {
  discovered: true;
}

/** What assigning topics did. */
export interface TopicAssignment {
  papers: PaperDraft[];
  /** Every live topic of the site: pinned ones in the taxonomy's order, then discovered ones by size. */
  topics: TopicEntry[];
  /** Topics published before that have no paper now, each with where its papers went (`movedTo`). */
  retired: TopicEntry[];
  /** True when the collection was clustered afresh. */
  reclustered: boolean;
  /** Papers whose primary topic changed, and why. */
  changes: TopicChange[];
  /** New papers that joined a topic they fit poorly. */
  poorFits: PoorFit[];
  /** Warnings about content/topics.yaml's changes to discovered topics. */
  messages: Message[];
  /** When this run clustered: its discovered topics' term counts (by slug), which areas are named from. */
  groupTerms?: { slugs: string[]; terms: GroupTerms };
}

/** A paper whose primary topic changed in this run. */
export interface TopicChange {
  slug: string;
  from: string;
  to: string;
  why: string;
}

/** A new paper whose nearest paper in the topic it joined is less similar than {@link POOR_FIT_SIMILARITY}. */
export interface PoorFit {
  slug: string;
  topic: string;
  similarity: number;
}

/**
 * A new paper fits its topic poorly when no paper the topic held before has a cosine of at least
 * this with it (TF-IDF over title and abstract, among its nearest papers). Measured on the 1,767
 * abstracts of 18 fields: of a tenth held out and added back, 3% fall below it; of a PubMed
 * export added to the other fields' topics, 77%.
 */
export const POOR_FIT_SIMILARITY = 0.1;
/**
 * When the poor fits since the last clustering pass this share of the collection, the collection
 * is clustered again: a new field about a twentieth of the collection's size, or a collection of
 * known fields grown to about twice its size.
 */
export const POOR_FIT_SHARE = 0.05;

/**
 * The description of a discovered topic: its label's words, the subject most of its papers carry
 * (an arXiv category or a keyword, when at least half of them do: the dumps' own check of the
 * topic) and the paper at its centre.
 */
function describe(terms: readonly string[], central: PaperDraft | undefined, members: readonly PaperDraft[] = []): string {
  const words = terms.length > 1 ? `${terms.slice(0, -1).join(', ')} and ${terms.at(-1)}` : (terms[0] ?? 'related work');
  const subject = commonSubject(members);
  const most = subject ? ` (most of them in ${subject})` : '';
  return central ? `Papers on ${words}${most}, such as “${summaryTitle(central.primary)}”.` : `Papers on ${words}${most}.`;
}

/** The subject at least half of the papers carry (the most frequent), as a reader sees it. */
function commonSubject(papers: readonly PaperDraft[]): string | undefined {
  const counts = countSubjects(papers.flatMap((paper) => {
    const data = paper.records.find((record) => record.raw.bibliographic?.subjects?.length || record.raw.bibliographic?.keywords?.length)?.raw.bibliographic;
    return data ? [{ data }] : [];
  }));
  const best = [...counts].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))[0];
  return best && best[1].count * 2 >= papers.length && papers.length > 0 ? (arxivName(best[0]) ?? best[1].label) : undefined;
}

/** Options of {@link assignTopics}. */
export interface AssignOptions {
  memo?: TopicMemo;
  /** Each paper's topics as last published (slug → topics). */
  previous?: ReadonlyMap<string, readonly string[]>;
  /** Every topic last published (content/topics.json), retired ones included; empty for a new atlas. */
  published?: readonly TopicEntry[];
  /** Cluster the whole collection again. */
  retopic?: boolean;
  /** The papers' term index (canonical ranks), shared with related papers. */
  index?: TermIndex;
  /** content/topics.yaml's changes to discovered topics. */
  overrides?: readonly TopicOverride[];
}

/**
 * Assign topics. `previous` holds each paper's topics as last published (slug → topics) and
 * `published` the topics last published (content/topics.json), both empty for a new atlas.
 */
export function assignTopics(drafts: readonly PaperDraft[], pinned: readonly TopicEntry[], options: AssignOptions = {}): TopicAssignment {
  const hand = pinned.filter((topic) => !topic.catchAll);
  const classified = hand.length > 0 ? classifyTopics(drafts, hand, options.memo) : drafts.map(() => []);
  // With the term index built and the pinned topics scored, nothing below tokenizes: the tokens (about
  // 800 MB at 100,000 papers) are let go before the neighbour graph is built.
  if (options.index) forgetTokens();
  const registry = options.published ?? [];
  const published = registry.filter((topic) => (topic as Partial<DiscoveredEntry>).discovered);
  const known = new Set([...hand.map((topic) => topic.slug), ...published.filter((topic) => !topic.retired).map((topic) => topic.slug)]);
  const previous = options.previous ?? new Map<string, readonly string[]>();

  let placed: TopicAssignment | undefined;
  let why = options.retopic ? 'the collection was clustered again on request (--retopic)' : 'topics were discovered for the first time';
  if (!options.retopic && published.length > 0) {
    placed = placeNew(drafts, pinned, published, new Set(registry.map((topic) => topic.slug)), classified, previous, known, options.index);
    const poor = registry.reduce((sum, topic) => sum + (topic.retired ? 0 : (topic.poorFits ?? 0)), 0) + placed.poorFits.length;
    if (poor > POOR_FIT_SHARE * drafts.length) {
      why = `${poor} papers had joined topics they fit poorly (over ${POOR_FIT_SHARE * 100}% of the collection), so it was clustered again`;
      placed = undefined;
    }
  }
  const result = placed ?? recluster(drafts, pinned, registry, classified, previous, options.index);
  const messages = applyOverrides(result, options.overrides ?? [], registry, drafts, options.index);
  keepAreas(result, registry, drafts, options.index);
  delete result.groupTerms; // large: let it go before related papers
  result.messages = messages;
  if (!result.reclustered) {
    // Poor fits count up until the next clustering.
    const counts = new Map<string, number>();
    for (const fit of result.poorFits) counts.set(fit.topic, (counts.get(fit.topic) ?? 0) + 1);
    const before = new Map(registry.map((topic) => [topic.slug, topic.poorFits ?? 0]));
    result.topics = result.topics.map((topic) => {
      const poorFits = (before.get(topic.slug) ?? 0) + (counts.get(topic.slug) ?? 0);
      return poorFits > 0 ? { ...topic, poorFits } : withoutKey(topic, 'poorFits');
    });
  } else result.topics = result.topics.map((topic) => withoutKey(topic, 'poorFits'));
  result.changes = topicChanges(result, previous, registry, options.overrides ?? [], hand, result.reclustered ? why : undefined);
  result.retired = retiredTopics(result, registry, previous);
  return result;
}

function withoutKey<T extends object, K extends keyof T>(value: T, key: K): T {
  if (!(key in value)) return value;
  const { [key]: _dropped, ...rest } = value;
  return rest as T;
}

/** Cluster the collection: pinned topics where the taxonomy describes a cluster, discovered ones for the rest. */
function recluster(drafts: readonly PaperDraft[], pinned: readonly TopicEntry[], registry: readonly TopicEntry[], classified: string[][], previous: ReadonlyMap<string, readonly string[]>, index?: TermIndex): TopicAssignment {
  const discovery = discoverTopics(drafts, { labels: false, index });
  // Pinned matches count only in clusters the taxonomy describes.
  const clusterOf = discovery.assignments.map((list) => list[0]);
  const matched = new Map<number, number>();
  const sizes = new Map<number, number>();
  clusterOf.forEach((cluster, position) => {
    sizes.set(cluster, (sizes.get(cluster) ?? 0) + 1);
    if (classified[position].length > 0) matched.set(cluster, (matched.get(cluster) ?? 0) + 1);
  });
  const pinnedTopics = classified.map((list, position) => ((matched.get(clusterOf[position]) ?? 0) / sizes.get(clusterOf[position])! >= PINNED_FIELD_SHARE ? list : []));
  return discovered(drafts, pinned, registry, pinnedTopics, discovery, previous);
}

/**
 * content/topics.yaml's changes to discovered topics: a new name or description (the topic's own
 * are kept as `foundAs`), `hidden` (its papers join their neighbours' topics) and `mergeInto`
 * (its papers go to the other topic). A change to a topic already hidden or merged is a no-op; one
 * naming no topic is a warning.
 */
function applyOverrides(result: TopicAssignment, overrides: readonly TopicOverride[], registry: readonly TopicEntry[], drafts: readonly PaperDraft[], index?: TermIndex): Message[] {
  const messages: Message[] = [];
  const live = new Map(result.topics.map((topic) => [topic.slug, topic]));
  const gone = new Set(registry.filter((topic) => topic.retired).map((topic) => topic.slug));
  const topicsOf = result.papers.map((paper) => [...paper.topics]);
  const removed = new Set<string>();
  for (const change of overrides) {
    const topic = live.get(change.slug);
    if (!topic) {
      if (!gone.has(change.slug)) messages.push(warn(change.file, change.line, 1, `No discovered topic \`${change.slug}\` (see content/topics.json); a new pinned topic needs \`terms\``, 'unknown-topic'));
      continue;
    }
    if (!topic.discovered) {
      messages.push(warn(change.file, change.line, 1, `\`${change.slug}\` is pinned above: edit its own entry; \`hidden\` and \`mergeInto\` apply to discovered topics`, 'unknown-topic'));
      continue;
    }
    const own = topic.foundAs ?? { name: topic.name, description: topic.description };
    const renamed = { ...topic, name: change.name ?? own.name, description: change.description ?? own.description };
    live.set(change.slug, change.name || change.description ? { ...renamed, foundAs: own } : withoutKey(renamed, 'foundAs'));
    if (change.mergeInto) {
      if (!live.has(change.mergeInto) || change.mergeInto === change.slug) {
        messages.push(warn(change.file, change.line, 1, `Cannot merge \`${change.slug}\` into \`${change.mergeInto}\`: no such topic`, 'unknown-topic'));
        continue;
      }
      for (const list of topicsOf) {
        const at = list.indexOf(change.slug);
        if (at >= 0) list.splice(at, 1, ...(list.includes(change.mergeInto) ? [] : [change.mergeInto]));
      }
      removed.add(change.slug);
    } else if (change.hidden) {
      for (const list of topicsOf) {
        const at = list.indexOf(change.slug);
        if (at >= 0) list.splice(at, 1);
      }
      removed.add(change.slug);
    }
  }
  if (removed.size > 0) {
    const open = new Set(topicsOf.flatMap((list, position) => (list.length === 0 ? [position] : [])));
    if (open.size > 0) placeByNeighbours(topicsOf, nearestNeighbours(drafts, index, open));
    result.papers = result.papers.map((paper, position) => ({ ...paper, topics: topicsOf[position] }));
  }
  result.topics = result.topics.flatMap((topic) => (removed.has(topic.slug) ? [] : [live.get(topic.slug)!]));
  return messages;
}

/** Papers with no pinned topic, grouped by their cluster into discovered topics. */
function discovered(drafts: readonly PaperDraft[], pinned: readonly TopicEntry[], published: readonly TopicEntry[], pinnedTopics: string[][], discovery: Discovery, previous: ReadonlyMap<string, readonly string[]>): TopicAssignment {
  const min = minTopicSize(drafts.length);
  const groups = new Map<number, number[]>();
  pinnedTopics.forEach((list, index) => {
    if (list.length > 0) return;
    const cluster = discovery.assignments[index][0];
    groups.get(cluster)?.push(index) ?? groups.set(cluster, [index]);
  });
  // A group too small for a topic of its own: its papers join the neighbours' topic (pinned or discovered) below.
  const kept = [...groups.entries()].filter(([, members]) => members.length >= Math.min(min, drafts.length)).sort((a, b) => b[1].length - a[1].length || a[1][0] - b[1][0]);
  const group = new Int32Array(drafts.length).fill(-1);
  kept.forEach(([, members], rank) => { for (const index of members) group[index] = rank; });
  const groupTerms = countGroupTerms(drafts, group, kept.length);
  const labels = labelsOf(groupTerms);

  // Slugs: a group takes the published slug most of its papers had (never twice); else a new one from its label.
  const taken = new Set([...pinned.map((topic) => topic.slug), ...published.map((topic) => topic.slug)]);
  const claimed = new Set<string>(pinned.map((topic) => topic.slug)); // a live pinned topic's slug is never a discovered one's
  const entries: TopicEntry[] = kept.map(([, members], rank) => {
    const votes = new Map<string, number>();
    for (const index of members) {
      const before = previous.get(drafts[index].slug)?.[0];
      if (before && published.some((topic) => topic.slug === before)) votes.set(before, (votes.get(before) ?? 0) + 1);
    }
    const [reuse] = [...votes.entries()].filter(([slug, count]) => !claimed.has(slug) && count * 2 > members.length).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [];
    const terms = labels[rank];
    const name = topicLabel(terms.slice(0, 2));
    let slug = reuse;
    if (!slug) {
      const wanted = slugify(terms.slice(0, 2).join(' ')) || 'topic';
      slug = wanted;
      for (let suffix = 2; taken.has(slug) || claimed.has(slug); suffix += 1) slug = `${wanted}-${suffix}`;
    }
    claimed.add(slug);
    // The cluster's centre, when no pinned topic took it.
    const centre = discovery.topics[discovery.assignments[members[0]][0]]?.central ?? -1;
    const central = drafts[members.includes(centre) ? centre : members[0]];
    return { slug, name, description: describe(terms, central, members.map((index) => drafts[index])), terms, discovered: true } as DiscoveredEntry;
  });

  const neighbours = discovery.neighbours;
  const topicsOf: string[][] = drafts.map((_, index) => (pinnedTopics[index].length > 0 ? pinnedTopics[index] : group[index] >= 0 ? [entries[group[index]].slug] : []));
  // Secondary discovered topics: the paper's other clusters, when they are topics.
  const slugOfCluster = new Map<number, string>(kept.map(([cluster], rank) => [cluster, entries[rank].slug]));
  drafts.forEach((_, index) => {
    if (group[index] < 0) return;
    for (const cluster of discovery.assignments[index].slice(1)) {
      const slug = slugOfCluster.get(cluster);
      if (slug && !topicsOf[index].includes(slug) && topicsOf[index].length < 3) topicsOf[index].push(slug);
    }
  });
  placeByNeighbours(topicsOf, neighbours);
  return { papers: drafts.map((paper, index) => ({ ...paper, topics: topicsOf[index] })), topics: [...pinned, ...bySize(entries, topicsOf)], reclustered: true, ...noReport(), groupTerms: { slugs: entries.map((entry) => entry.slug), terms: groupTerms } };
}

function noReport(): Pick<TopicAssignment, 'retired' | 'changes' | 'poorFits' | 'messages'> {
  return { retired: [], changes: [], poorFits: [], messages: [] };
}

/** Papers without a topic take the primary topic most of their nearest papers have (weighted by similarity), in rounds. */
function placeByNeighbours(topicsOf: string[][], neighbours: readonly { others: Int32Array; weights: Float64Array }[]): void {
  for (let round = 0; round < 5; round += 1) {
    let open = 0;
    topicsOf.forEach((list, index) => {
      if (list.length > 0) return;
      const votes = new Map<string, number>();
      const { others, weights } = neighbours[index];
      for (let position = 0; position < others.length; position += 1) {
        const topic = topicsOf[others[position]][0];
        if (topic) votes.set(topic, (votes.get(topic) ?? 0) + weights[position]);
      }
      const best = [...votes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
      if (best) list.push(best[0]);
      else open += 1;
    });
    if (open === 0) return;
  }
  // Nothing near them at all (no shared word): the largest topic takes them, so that every paper has one.
  const counts = new Map<string, number>();
  for (const list of topicsOf) if (list[0]) counts.set(list[0], (counts.get(list[0]) ?? 0) + 1);
  const largest = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  for (const list of topicsOf) if (list.length === 0 && largest) list.push(largest);
}

/**
 * No clustering: every paper keeps the topics it was published with (those that still exist).
 * A new paper, or one that a topic newly added to content/topics.yaml takes, gets its pinned
 * topics when most of its nearest papers are in the taxonomy's field too; a paper left without
 * a topic takes the topic most of its nearest papers are in. (Terms edited in an existing pinned
 * topic apply to new papers; `--retopic` applies them to all.)
 */
function placeNew(drafts: readonly PaperDraft[], pinned: readonly TopicEntry[], published: readonly TopicEntry[], publishedSlugs: ReadonlySet<string>, classified: string[][], previous: ReadonlyMap<string, readonly string[]>, known: ReadonlySet<string>, index?: TermIndex): TopicAssignment {
  const hand = new Set(pinned.map((topic) => topic.slug));
  // Pinned topics added to content/topics.yaml since the last run.
  const added = new Set([...hand].filter((slug) => !publishedSlugs.has(slug)));
  const topicsOf = drafts.map((paper) => (previous.get(paper.slug) ?? []).filter((slug) => known.has(slug)));
  const poorFits: PoorFit[] = [];
  // Papers to place: new papers (or whose topics are all gone), and papers a newly pinned topic takes.
  const changed = topicsOf.map((list, position) => list.length === 0 || classified[position].some((slug) => added.has(slug)));
  if (changed.some(Boolean)) {
    // Only those papers' neighbours: a day's dump costs its own papers, not the collection.
    const neighbours = nearestNeighbours(drafts, index, new Set(changed.flatMap((isChanged, position) => (isChanged ? [position] : []))));
    changed.forEach((isChanged, position) => {
      if (!isChanged) return;
      const { others } = neighbours[position];
      let inField = 0;
      for (const other of others) if (classified[other].length > 0) inField += 1;
      const wasPinned = topicsOf[position].some((slug) => hand.has(slug));
      if (classified[position].length > 0 && inField * 2 >= others.length) topicsOf[position] = [...classified[position]];
      else if (wasPinned || topicsOf[position].length === 0) topicsOf[position] = topicsOf[position].filter((slug) => !hand.has(slug));
    });
    const unplaced = new Set(topicsOf.flatMap((list, position) => (list.length === 0 ? [position] : [])));
    placeByNeighbours(topicsOf, neighbours);
    // A paper placed by its neighbours fits poorly when no paper the topic held before is much
    // like it (papers of a new field arriving together are near each other, not the topic).
    for (const position of unplaced) {
      const { others, weights } = neighbours[position];
      const topic = topicsOf[position][0];
      let similarity = 0;
      for (let at = 0; at < others.length; at += 1) if (!changed[others[at]] && topicsOf[others[at]][0] === topic) similarity = Math.max(similarity, weights[at]);
      if (topic && similarity < POOR_FIT_SIMILARITY) poorFits.push({ slug: drafts[position].slug, topic, similarity });
    }
  }
  // Discovered topics that still have papers, with their own names (content/topics.yaml's changes are applied afterwards).
  const used = new Set(topicsOf.flat());
  const live = published.filter((topic) => !topic.retired && used.has(topic.slug)).map(({ foundAs, ...topic }) => (foundAs ? { ...topic, ...foundAs } : topic));
  return { papers: drafts.map((paper, position) => ({ ...paper, topics: topicsOf[position] })), topics: [...pinned, ...bySize(live, topicsOf)], reclustered: false, ...noReport(), poorFits };
}

/** Discovered topics in the order pages list them: most papers first (counting every topic of a paper), then by slug. */
function bySize(topics: readonly TopicEntry[], topicsOf: readonly (readonly string[])[]): TopicEntry[] {
  const counts = new Map<string, number>();
  for (const list of topicsOf) for (const slug of list) counts.set(slug, (counts.get(slug) ?? 0) + 1);
  return [...topics].sort((a, b) => (counts.get(b.slug) ?? 0) - (counts.get(a.slug) ?? 0) || (a.slug < b.slug ? -1 : 1));
}

/** A collection with more topics than this groups them into areas (a second level on /topics/). */
export const AREA_MIN_TOPICS = 12;
/** Each topic's ties to its most similar topics when grouping areas. */
const AREA_NEIGHBOURS = 3;

/**
 * Areas, when the collection has more than {@link AREA_MIN_TOPICS} topics with papers: topics whose
 * papers' term vectors are alike (the cosine of their centroids, each topic tied to its
 * {@link AREA_NEIGHBOURS} nearest) grouped by seeded Louvain, each area labelled like a topic by
 * class-based TF-IDF over its discovered topics' term counts (when this run clustered), else by
 * its largest topics. Kept as published while the topics stay the same; found afresh
 * when the collection is clustered again or a topic is new.
 */
function keepAreas(result: TopicAssignment, registry: readonly TopicEntry[], drafts: readonly PaperDraft[], index?: TermIndex): void {
  const counts = new Map<string, number>();
  for (const paper of result.papers) if (paper.topics[0]) counts.set(paper.topics[0], (counts.get(paper.topics[0]) ?? 0) + 1);
  const withPapers = result.topics.filter((topic) => counts.has(topic.slug));
  if (withPapers.length <= AREA_MIN_TOPICS) {
    result.topics = result.topics.map((topic) => withoutKey(topic, 'area'));
    return;
  }
  const before = new Map(registry.filter((topic) => !topic.retired && topic.area).map((topic) => [topic.slug, topic.area!]));
  if (!result.reclustered && withPapers.every((topic) => before.has(topic.slug))) {
    result.topics = result.topics.map((topic) => (before.has(topic.slug) && counts.has(topic.slug) ? { ...topic, area: before.get(topic.slug) } : withoutKey(topic, 'area')));
    return;
  }
  const areas = groupAreas(withPapers, result.papers, counts, index ?? termIndex(drafts, canonicalRanks(drafts)), result.groupTerms);
  result.topics = result.topics.map((topic) => (areas.has(topic.slug) ? { ...topic, area: areas.get(topic.slug) } : withoutKey(topic, 'area')));
}

/** Each topic's area name (none when the topics do not fall into at least two areas). */
function groupAreas(topics: readonly TopicEntry[], papers: readonly PaperDraft[], counts: ReadonlyMap<string, number>, index: TermIndex, groupTerms?: TopicAssignment['groupTerms']): Map<string, string> {
  const position = new Map(topics.map((topic, at) => [topic.slug, at]));
  const centroids = topics.map(() => new Map<number, number>());
  papers.forEach((paper, at) => {
    const topic = position.get(paper.topics[0]);
    if (topic === undefined) return;
    const { terms, values } = index.vectors[at];
    const centroid = centroids[topic];
    for (let term = 0; term < terms.length; term += 1) centroid.set(terms[term], (centroid.get(terms[term]) ?? 0) + values[term]);
  });
  const norms = centroids.map((centroid) => Math.hypot(...centroid.values()) || 1);
  const similarity = (a: number, b: number) => {
    const [small, large] = centroids[a].size < centroids[b].size ? [centroids[a], centroids[b]] : [centroids[b], centroids[a]];
    let dot = 0;
    for (const [term, value] of small) dot += value * (large.get(term) ?? 0);
    return dot / (norms[a] * norms[b]);
  };
  const graph = new WeightedGraph(Array.from(topics.keys()));
  topics.forEach((_, a) => {
    const nearest = topics.map((__, b) => ({ b, score: a === b ? -1 : similarity(a, b) }))
      .sort((x, y) => y.score - x.score || x.b - y.b).slice(0, AREA_NEIGHBOURS).filter(({ score }) => score > 0);
    for (const { b, score } of nearest) {
      const [source, target] = [Math.min(a, b), Math.max(a, b)];
      if (graph.weight(source, target) === undefined) graph.set(source, target, score);
    }
  });
  if (graph.size === 0) return new Map();
  const communities = bestPartition(graph, 1, 20261205);
  const members = new Map<number, TopicEntry[]>();
  topics.forEach((topic, at) => {
    const area = communities[String(at)];
    members.set(area, [...(members.get(area) ?? []), topic]);
  });
  if (members.size < 2) return new Map();
  // An area's own label: class-based TF-IDF over its discovered topics' papers, from the counts
  // the topics were labelled with (no paper read again).
  const groups = [...members.values()];
  const areaOf = new Map(groups.flatMap((group, area) => group.map((topic) => [topic.slug, area] as const)));
  const labels = groupTerms ? labelsOf(mergeGroupTerms(groupTerms.terms, groupTerms.slugs.map((slug) => areaOf.get(slug) ?? -1), groups.length)) : [];
  const names = new Map<string, string>();
  const taken = new Set<string>();
  groups.forEach((group, area) => {
    const largest = [...group].sort((a, b) => counts.get(b.slug)! - counts.get(a.slug)! || (a.slug < b.slug ? -1 : 1));
    // Else by its largest topics: a discovered one by its first label term, a pinned one by the name its author gave it.
    const words = labels[area]?.length ? labels[area].slice(0, 2) : [...new Set(largest.map((topic) => (topic.discovered ? (topic.terms[0] ?? topic.name) : topic.name)))].slice(0, 2);
    let name = topicLabel(words);
    for (let suffix = 2; taken.has(name); suffix += 1) name = `${topicLabel(words)} (${suffix})`;
    taken.add(name);
    for (const topic of group) names.set(topic.slug, name);
  });
  return names;
}

/** Papers whose primary topic changed since the last run, with the reason. */
function topicChanges(result: TopicAssignment, previous: ReadonlyMap<string, readonly string[]>, registry: readonly TopicEntry[], overrides: readonly TopicOverride[], hand: readonly TopicEntry[], why: string | undefined): TopicChange[] {
  const byOverride = new Map<string, string>();
  for (const change of overrides) {
    if (change.mergeInto) byOverride.set(change.slug, `content/topics.yaml merges ${change.slug} into ${change.mergeInto}`);
    else if (change.hidden) byOverride.set(change.slug, `content/topics.yaml hides ${change.slug}`);
  }
  const live = new Set(result.topics.map((topic) => topic.slug));
  const published = new Set(registry.map((topic) => topic.slug));
  const newlyPinned = new Set(hand.map((topic) => topic.slug).filter((slug) => !published.has(slug)));
  const changes: TopicChange[] = [];
  for (const paper of result.papers) {
    const from = previous.get(paper.slug)?.[0];
    const to = paper.topics[0];
    if (!from || !to || from === to) continue;
    const reason = byOverride.get(from) ?? why ?? (newlyPinned.has(to) ? `${to} is newly pinned in content/topics.yaml` : !live.has(from) ? `${from} is no longer a topic` : 'its nearest papers placed it again');
    changes.push({ slug: paper.slug, from, to, why: reason });
  }
  return changes;
}

/**
 * Every topic published before that has no paper now: kept, retired, so that its slug never
 * changes hands, with the topic most of its papers went to (`movedTo`, followed through topics
 * retired since) and how many pages it had, so that each of its addresses can redirect.
 */
function retiredTopics(result: TopicAssignment, registry: readonly TopicEntry[], previous: ReadonlyMap<string, readonly string[]>): TopicEntry[] {
  const live = new Set(result.topics.map((topic) => topic.slug));
  const now = new Map(result.papers.map((paper) => [paper.slug, paper.topics[0]]));
  const retired = new Map<string, TopicEntry>();
  for (const topic of registry) {
    if (live.has(topic.slug)) continue;
    const { area: _area, poorFits: _poor, foundAs, ...kept } = topic;
    const entry: TopicEntry = { ...kept, ...(foundAs ?? {}), retired: true };
    if (!topic.retired) {
      const votes = new Map<string, number>();
      let papers = 0;
      for (const [slug, list] of previous) {
        if (list[0] !== topic.slug) continue;
        papers += 1;
        const to = now.get(slug);
        if (to && live.has(to)) votes.set(to, (votes.get(to) ?? 0) + 1);
      }
      const movedTo = [...votes.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
      if (movedTo) entry.movedTo = movedTo;
      else delete entry.movedTo;
      entry.pages = Math.max(1, Math.ceil(papers / PAGE_SIZE), topic.pages ?? 1);
    }
    retired.set(topic.slug, entry);
  }
  // A successor retired since: follow it to a live topic, or say nothing.
  for (const entry of retired.values()) {
    let target = entry.movedTo;
    const seen = new Set([entry.slug]);
    while (target && !live.has(target)) {
      if (seen.has(target)) { target = undefined; break; }
      seen.add(target);
      target = retired.get(target)?.movedTo;
    }
    if (target) entry.movedTo = target;
    else delete entry.movedTo;
  }
  return [...retired.values()];
}
