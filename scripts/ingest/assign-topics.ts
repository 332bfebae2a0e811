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
import { summaryTitle } from './derive-title.ts';
import { discoverTopics, labelGroups, minTopicSize, nearestNeighbours, topicLabel, type Discovery } from './discover-topics.ts';
import { classifyTopics, type TopicEntry, type TopicMemo } from './classify-topics.ts';
import { slugify } from './slugify.ts';
import type { TermIndex } from './related-papers.ts';
import type { PaperDraft } from './types.ts';

/** The least share of a cluster a pinned topic set must match for its matches there to count. */
export const PINNED_FIELD_SHARE = 0.5;

/** A discovered topic as content/topics.json keeps it. */
export interface DiscoveredEntry extends TopicEntry {
  discovered: true;
}

/** What assigning topics did. */
export interface TopicAssignment {
  papers: PaperDraft[];
  /** Every topic of the site: pinned ones in the taxonomy's order, then discovered ones by size. */
  topics: TopicEntry[];
  /** True when the collection was clustered afresh. */
  reclustered: boolean;
}

/** The description of a discovered topic: its label's words and the paper at its centre. */
function describe(terms: readonly string[], central: PaperDraft | undefined): string {
  const words = terms.length > 1 ? `${terms.slice(0, -1).join(', ')} and ${terms.at(-1)}` : (terms[0] ?? 'related work');
  return central ? `Papers on ${words}, such as “${summaryTitle(central.primary)}”.` : `Papers on ${words}.`;
}

/**
 * Assign topics. `previous` holds each paper's topics as last published (slug → topics) and
 * `published` the discovered topics last published (content/topics.json), both empty for a
 * new atlas.
 */
export function assignTopics(
  drafts: readonly PaperDraft[],
  pinned: readonly TopicEntry[],
  options: { memo?: TopicMemo; previous?: ReadonlyMap<string, readonly string[]>; published?: readonly TopicEntry[]; retopic?: boolean; index?: TermIndex } = {},
): TopicAssignment {
  const hand = pinned.filter((topic) => !topic.catchAll);
  const classified = hand.length > 0 ? classifyTopics(drafts, hand, options.memo) : drafts.map(() => []);
  const published = (options.published ?? []).filter((topic) => (topic as Partial<DiscoveredEntry>).discovered);
  const known = new Set([...hand.map((topic) => topic.slug), ...published.filter((topic) => !topic.retired).map((topic) => topic.slug)]);
  const previous = options.previous ?? new Map<string, readonly string[]>();
  const keep = !options.retopic && published.length > 0;

  if (keep) return placeNew(drafts, pinned, published, new Set((options.published ?? []).map((topic) => topic.slug)), classified, previous, known, options.index);

  const discovery = discoverTopics(drafts, { labels: false });
  // Pinned matches count only in clusters the taxonomy describes.
  const clusterOf = discovery.assignments.map((list) => list[0]);
  const matched = new Map<number, number>();
  const sizes = new Map<number, number>();
  clusterOf.forEach((cluster, index) => {
    sizes.set(cluster, (sizes.get(cluster) ?? 0) + 1);
    if (classified[index].length > 0) matched.set(cluster, (matched.get(cluster) ?? 0) + 1);
  });
  const pinnedTopics = classified.map((list, index) => ((matched.get(clusterOf[index]) ?? 0) / sizes.get(clusterOf[index])! >= PINNED_FIELD_SHARE ? list : []));
  return discovered(drafts, pinned, published, pinnedTopics, discovery, previous);
}

/** Papers with no pinned topic, grouped by their cluster into discovered topics. */
function discovered(drafts: readonly PaperDraft[], pinned: readonly TopicEntry[], published: readonly TopicEntry[], pinnedTopics: string[][], discovery: Discovery, previous: ReadonlyMap<string, readonly string[]>): TopicAssignment {
  const min = minTopicSize(drafts.length);
  const groups = new Map<number, number[]>();
  pinnedTopics.forEach((list, index) => {
    if (list.length > 0) return;
    const cluster = discovery.assignments[index][0];
    groups.set(cluster, [...(groups.get(cluster) ?? []), index]);
  });
  // A group too small for a topic of its own: its papers join the neighbours' topic (pinned or discovered) below.
  const kept = [...groups.entries()].filter(([, members]) => members.length >= Math.min(min, drafts.length)).sort((a, b) => b[1].length - a[1].length || a[1][0] - b[1][0]);
  const group = new Int32Array(drafts.length).fill(-1);
  kept.forEach(([, members], rank) => { for (const index of members) group[index] = rank; });
  const labels = labelGroups(drafts, group, kept.length);

  // Slugs: a group takes the published slug most of its papers had (never twice); else a new one from its label.
  const taken = new Set([...pinned.map((topic) => topic.slug), ...published.map((topic) => topic.slug)]);
  const claimed = new Set<string>();
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
    return { slug, name, description: describe(terms, central), terms, discovered: true } as DiscoveredEntry;
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
  return { papers: drafts.map((paper, index) => ({ ...paper, topics: topicsOf[index] })), topics: [...pinned, ...bySize(entries, topicsOf)], reclustered: true };
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
    placeByNeighbours(topicsOf, neighbours);
  }
  return { papers: drafts.map((paper, position) => ({ ...paper, topics: topicsOf[position] })), topics: [...pinned, ...bySize(published, topicsOf)], reclustered: false };
}

/** Discovered topics in the order pages list them: most papers first (counting every topic of a paper), then by slug. */
function bySize(topics: readonly TopicEntry[], topicsOf: readonly (readonly string[])[]): TopicEntry[] {
  const counts = new Map<string, number>();
  for (const list of topicsOf) for (const slug of list) counts.set(slug, (counts.get(slug) ?? 0) + 1);
  return [...topics].sort((a, b) => (counts.get(b.slug) ?? 0) - (counts.get(a.slug) ?? 0) || (a.slug < b.slug ? -1 : 1));
}
