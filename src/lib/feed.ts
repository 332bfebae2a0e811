import rss from '@astrojs/rss';
import { authorName } from './authors.ts';
import { escapeHtml } from './escape-html.ts';
import { getAbstractText, type PaperEntry } from './get-papers.ts';
import { titleText } from './title-math.ts';
import { absoluteUrl, paperPath, sitePath } from './urls.ts';

/** How many of the newest papers a feed carries. */
export const FEED_SIZE = 50;

/** An RSS 2.0 feed of the newest papers (already sorted newest first), abstracts as plain text, authors as `dc:creator`. */
export function paperFeed(options: { title: string; description: string; papers: readonly PaperEntry[]; topicNames: ReadonlyMap<string, string> }): Promise<Response> {
  return rss({
    title: options.title,
    description: options.description,
    site: absoluteUrl(sitePath('/')),
    trailingSlash: true,
    xmlns: { dc: 'http://purl.org/dc/elements/1.1/' },
    items: options.papers.slice(0, FEED_SIZE).map((paper) => ({
      title: titleText(paper.data.title),
      link: paperPath(paper.id),
      ...(paper.data.published ? { pubDate: new Date(`${paper.data.published}T00:00:00Z`) } : {}),
      description: getAbstractText(paper),
      categories: paper.data.topics.map((topic) => options.topicNames.get(topic) ?? topic),
      // One Dublin Core creator per named author (RSS's own <author> wants an e-mail address).
      ...(paper.data.authors?.length ? { customData: paper.data.authors.map((author) => `<dc:creator>${escapeHtml(authorName(author))}</dc:creator>`).join('') } : {}),
    })),
  });
}
