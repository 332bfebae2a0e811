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

/** Every topic in the order of `content/topics.yaml`, each with its papers (already sorted). Empty topics are left out. */
export async function getTopicsWithPapers(sortedPapers: readonly PaperEntry[]): Promise<TopicWithPapers[]> {
  const topics = await collection('topics');
  return topics
    .map((topic) => ({ topic, papers: sortedPapers.filter((paper) => paper.data.topics.includes(topic.id)) }))
    .filter((entry) => entry.papers.length > 0);
}

/** Topic names by slug, for chips and cards. */
export const getTopicNames: () => Promise<ReadonlyMap<string, string>> = once(async () => new Map((await collection('topics')).map((topic) => [topic.id, topic.data.name])));
