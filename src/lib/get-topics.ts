import type { CollectionEntry } from 'astro:content';
import { collection, once } from './collections.ts';
import type { PaperEntry } from './get-papers.ts';
import { countSubjects } from './subjects.ts';

/** A topic as the site sees it. */
export type TopicEntry = CollectionEntry<'topics'>;

/** A topic with its papers, newest first. */
export interface TopicWithPapers {
  topic: TopicEntry;
  papers: PaperEntry[];
}

/** Every topic in the order of `content/topics.json` (pinned, then discovered), each with its papers (already sorted). Empty topics are left out. */
export async function getTopicsWithPapers(sortedPapers: readonly PaperEntry[]): Promise<TopicWithPapers[]> {
  const topics = await collection('topics');
  return topics
    .map((topic) => ({ topic, papers: sortedPapers.filter((paper) => paper.data.topics.includes(topic.id)) }))
    .filter((entry) => entry.papers.length > 0);
}

/** Topic names by slug, for chips and cards. */
export const getTopicNames: () => Promise<ReadonlyMap<string, string>> = once(async () => new Map((await collection('topics')).map((topic) => [topic.id, topic.data.name])));

/** Retired topics whose papers went to one live topic: each of their pages and their feed redirects there. */
export async function getMovedTopics(sortedPapers: readonly PaperEntry[]): Promise<{ topic: TopicEntry; target: TopicEntry }[]> {
  const used = new Set(sortedPapers.flatMap((paper) => paper.data.topics));
  const topics = await collection('topics');
  const byId = new Map(topics.map((topic) => [topic.id, topic]));
  return topics.flatMap((topic) => {
    const target = topic.data.movedTo ? byId.get(topic.data.movedTo) : undefined;
    return !used.has(topic.id) && target && used.has(target.id) ? [{ topic, target }] : [];
  });
}

/** Topics that have no paper now and no successor (a pinned catch-all nothing falls to any more): their address still answers, with a notice. */
export async function getEmptyTopics(sortedPapers: readonly PaperEntry[]): Promise<TopicEntry[]> {
  const used = new Set(sortedPapers.flatMap((paper) => paper.data.topics));
  const moved = new Set((await getMovedTopics(sortedPapers)).map(({ topic }) => topic.id));
  return (await collection('topics')).filter((topic) => !used.has(topic.id) && !moved.has(topic.id));
}

/** Topics grouped by area (largest area first), or one group with no name when the collection has no areas. */
export function byArea(topics: readonly TopicWithPapers[]): { area?: string; topics: TopicWithPapers[]; papers: number }[] {
  const groups = new Map<string | undefined, TopicWithPapers[]>();
  for (const entry of topics) groups.set(entry.topic.data.area, [...(groups.get(entry.topic.data.area) ?? []), entry]);
  const size = (list: readonly TopicWithPapers[]) => list.reduce((sum, entry) => sum + entry.papers.filter((paper) => paper.data.topics[0] === entry.topic.id).length, 0);
  return [...groups].map(([area, list]) => ({ area, topics: list, papers: size(list) }))
    .sort((a, b) => (a.area === undefined ? 1 : b.area === undefined ? -1 : b.papers - a.papers || a.area.localeCompare(b.area)));
}

/** The subjects (arXiv categories, keywords) that at least a fifth of a topic's papers carry, most frequent first, with their share: a check of what the topic is. */
export function topicSubjects(papers: readonly PaperEntry[], limit = 3): { label: string; share: number }[] {
  return [...countSubjects(papers)].filter(([, { count }]) => count * 5 >= papers.length && count >= 2)
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1)).slice(0, limit)
    .map(([, { label, count }]) => ({ label, share: count / papers.length }));
}

/** What to suggest in a search box: the first term of each of the collection's two largest topics ("e.g. quantum, galaxies"). */
export function searchExample(topics: readonly TopicWithPapers[]): string {
  const terms = [...topics].sort((a, b) => b.papers.length - a.papers.length).map(({ topic }) => topic.data.terms[0]).filter(Boolean).slice(0, 2);
  return terms.length > 0 ? `e.g. ${terms.join(', ')}` : 'Words of a title or an abstract';
}
