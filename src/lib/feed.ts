import rss from '@astrojs/rss';
import { getAbstractText, type PaperEntry } from './get-papers.ts';
import { absoluteUrl, paperPath, sitePath } from './urls.ts';

/** How many of the newest papers a feed carries. */
export const FEED_SIZE = 50;

/** An RSS 2.0 feed of the newest papers (already sorted newest first), abstracts as plain text. */
export function paperFeed(options: { title: string; description: string; papers: readonly PaperEntry[]; topicNames: ReadonlyMap<string, string> }): Promise<Response> {
  return rss({
    title: options.title,
    description: options.description,
    site: absoluteUrl(sitePath('/')),
    trailingSlash: true,
    items: options.papers.slice(0, FEED_SIZE).map((paper) => ({
      title: paper.data.title,
      link: paperPath(paper.id),
      ...(paper.data.published ? { pubDate: new Date(`${paper.data.published}T00:00:00Z`) } : {}),
      description: getAbstractText(paper),
      categories: paper.data.topics.map((topic) => options.topicNames.get(topic) ?? topic),
    })),
  });
}
