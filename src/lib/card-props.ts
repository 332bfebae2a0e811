import { titleText } from './title-math.ts';
import { getExcerpt, type PaperEntry } from './get-papers.ts';

/** What a PaperCard shows of a paper; topic names come from the taxonomy, `except` leaves the page's own topic out. */
export function cardProps(paper: PaperEntry, topicNames: ReadonlyMap<string, string>, except?: string) {
  return {
    slug: paper.id,
    title: titleText(paper.data.title),
    published: paper.data.published,
    publishedLabel: paper.data.publishedLabel,
    excerpt: getExcerpt(paper),
    topics: paper.data.topics.filter((topic) => topic !== except).map((topic) => topicNames.get(topic) ?? topic),
  };
}
