import { titleText } from './title-math.ts';
import { getExcerpt, type PaperEntry } from './get-papers.ts';

/**
 * What a card reads of a paper, and nothing else. List pages paginate these, not whole entries,
 * so a page's cache key (src/lib/cache-key.ts) covers what its cards show: a paper whose related
 * list or abstract changed does not render again every list page it is on.
 */
export interface CardSource {
  slug: string;
  title: string;
  published?: string;
  publishedLabel?: string;
  excerpt: string;
  topics: string[];
}

const sources = new WeakMap<PaperEntry, CardSource>();

/** The card data of a paper (one object per entry per build). */
export function cardSource(paper: PaperEntry): CardSource {
  let source = sources.get(paper);
  if (source === undefined) {
    source = {
      slug: paper.id,
      title: paper.data.title,
      published: paper.data.published,
      publishedLabel: paper.data.publishedLabel,
      excerpt: getExcerpt(paper),
      topics: paper.data.topics,
    };
    sources.set(paper, source);
  }
  return source;
}

/** The card data of many papers. */
export function cardSources(papers: readonly PaperEntry[]): CardSource[] {
  return papers.map(cardSource);
}

/** What a PaperCard shows of a paper; topic names come from the taxonomy, `except` leaves the page's own topic out. */
export function cardProps(paper: CardSource, topicNames: ReadonlyMap<string, string>, except?: string): CardSource {
  return {
    slug: paper.slug,
    title: titleText(paper.title),
    published: paper.published,
    publishedLabel: paper.publishedLabel,
    excerpt: paper.excerpt,
    topics: paper.topics.filter((topic) => topic !== except).map((topic) => topicNames.get(topic) ?? topic),
  };
}
