import type { CollectionEntry } from 'astro:content';
import { collection, once } from './collections.ts';
import type { PaperEntry } from './get-papers.ts';

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

/** Topics that have no paper now (a pinned catch-all nothing falls to any more, a retired discovered topic): their address still answers. */
export async function getEmptyTopics(sortedPapers: readonly PaperEntry[]): Promise<TopicEntry[]> {
  const used = new Set(sortedPapers.flatMap((paper) => paper.data.topics));
  return (await collection('topics')).filter((topic) => !used.has(topic.id));
}

/** What to suggest in a search box: the first term of each of the collection's two largest topics ("e.g. quantum, galaxies"). */
export function searchExample(topics: readonly TopicWithPapers[]): string {
  const terms = [...topics].sort((a, b) => b.papers.length - a.papers.length).map(({ topic }) => topic.data.terms[0]).filter(Boolean).slice(0, 2);
  return terms.length > 0 ? `e.g. ${terms.join(', ')}` : 'Words of a title or an abstract';
}
