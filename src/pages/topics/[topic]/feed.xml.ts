import type { APIRoute, GetStaticPaths } from 'astro';
import { withCacheKeys } from '../../../lib/cache-key.ts';
import { paperFeed } from '../../../lib/feed.ts';
import { getPapers, type PaperEntry } from '../../../lib/get-papers.ts';
import { getEmptyTopics, getMovedTopics, getTopicNames, getTopicsWithPapers, type TopicEntry } from '../../../lib/get-topics.ts';
import { SITE_NAME } from '../../../lib/site.ts';

/** `/topics/<topic>/feed.xml`: the newest papers of one topic. */
export const getStaticPaths = (async () => {
  const all = await getPapers();
  const withPapers = await getTopicsWithPapers(all);
  const paths = [
    ...withPapers.map(({ topic, papers }) => ({ params: { topic: topic.id }, props: { topic, papers } })),
    // A retired topic's feed carries on as the feed of the topic its papers went to (a feed cannot redirect).
    ...(await getMovedTopics(all)).map(({ topic, target }) => ({ params: { topic: topic.id }, props: { topic: target, papers: withPapers.find((entry) => entry.topic.id === target.id)!.papers } })),
    // A topic with no paper now keeps its feed, empty, so that a subscription does not break.
    ...(await getEmptyTopics(all)).map((topic) => ({ params: { topic: topic.id }, props: { topic, papers: [] as PaperEntry[] } })),
  ];
  return withCacheKeys(paths, await getTopicNames());
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ topic: TopicEntry; papers: PaperEntry[] }> = async ({ props }) => {
  return paperFeed({ title: `${SITE_NAME}: ${props.topic.data.name}`, description: props.topic.data.description, papers: props.papers, topicNames: await getTopicNames() });
};
