import type { APIRoute } from 'astro';
import { paperFeed } from '../lib/feed.ts';
import { getPapers } from '../lib/get-papers.ts';
import { getTopicNames } from '../lib/get-topics.ts';
import { SITE_DESCRIPTION, SITE_NAME } from '../lib/site.ts';

/** `/feed.xml`: the newest papers of the whole site. */
export const GET: APIRoute = async () => {
  return paperFeed({ title: `${SITE_NAME}: newest papers`, description: SITE_DESCRIPTION, papers: await getPapers(), topicNames: await getTopicNames() });
};
