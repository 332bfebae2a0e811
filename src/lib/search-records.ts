import { readAbstract } from './abstract-files.ts';
import { formatDate } from './format-date.ts';
import { listingIds } from './get-listings.ts';
import { authorName, authorSlug } from './authors.ts';
import { getPapers, paperYear, type PaperEntry } from './get-papers.ts';
import { getTopicNames } from './get-topics.ts';
import { greekNames } from './greek-names.ts';
import { paperSubjects } from './subjects.ts';
import { SORTS, sortKey, type SortName } from './search-sort.ts';
import { titleText } from './title-math.ts';

/**
 * What the search index holds of a paper: one Pagefind custom record (Pagefind's Node API,
 * `addCustomRecord`), built from the same data as the paper's page, so the index step parses
 * no HTML. scripts/index-search.ts reads them from the file src/pages/atlas-search-records.json.ts
 * renders.
 *
 * - `content`: the abstract as plain text (formulas as text: τ, T₁, √T), which is what result
 *   excerpts are cut from. The title is not repeated in it: it is the `title` meta field, which
 *   Pagefind also searches and ranks (`metaWeights`), so an excerpt shows the abstract instead of
 *   the title a result already has as its heading.
 * - `meta`: what a result shows (title, date, topics), and `symbols`: the names of the Greek
 *   letters the paper writes (`tau` beside τ), so "tau temperature" finds a paper that writes
 *   $\tau$. Searched, never shown: the excerpt keeps the symbol alone.
 * - `authors`: the names as the paper writes them, searched and shown.
 * - `filters` and `sort`: topic, year, listing, author (by the slug of the author's page,
 *   so every spelling of one person is one filter value) and subject (arXiv category or keyword: subjects.ts); newest and oldest (src/lib/search-sort.ts).
 */
export interface SearchRecord {
  /** The page's path under the site's base (Pagefind prefixes the base the search page is served from). */
  url: string;
  content: string;
  language: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sort: Record<string, string>;
}

/** The `url` of a paper's record. */
function recordUrl(paper: PaperEntry): string {
  return `/papers/${paper.id}/`;
}

/** One paper's record. */
export function searchRecord(paper: PaperEntry, topicNames: ReadonlyMap<string, string>): SearchRecord {
  const { title, published, publishedLabel, topics, authors = [] } = paper.data;
  const content = readAbstract(paper).text.replace(/\s+/g, ' ').trim();
  const symbols = greekNames(`${title} ${content}`);
  const subjects = paperSubjects(paper.data);
  const sort = Object.fromEntries((Object.keys(SORTS) as SortName[]).map((name) => [name, sortKey(name, published)]));
  return {
    url: recordUrl(paper),
    content,
    language: 'en',
    meta: {
      title: titleText(title),
      ...(authors.length > 0 ? { authors: authors.map(authorName).join(', ') } : {}),
      date: formatDate(published, publishedLabel) ?? 'Undated',
      ...(published ? { published } : {}),
      topics: topics.map((id) => topicNames.get(id) ?? id).join(' · '),
      ...(symbols.length > 0 ? { symbols: symbols.join(' ') } : {}),
    },
    filters: {
      topic: [...topics],
      listing: listingIds(paper),
      year: [paperYear(paper.data) ?? 'undated'],
      ...(authors.length > 0 ? { author: [...new Set(authors.map(authorSlug))] } : {}),
      ...(subjects.length > 0 ? { subject: subjects.map((subject) => subject.key) } : {}),
    },
    sort,
  };
}

/**
 * Every paper's record, by path (the order they are indexed in, so the index is the same for the
 * same papers), each made when it is reached: at 100,000 papers the records hold 180 MB of text.
 */
export async function searchRecordsInOrder(): Promise<Iterable<SearchRecord>> {
  const names = await getTopicNames();
  const papers = (await getPapers()).map((paper) => ({ url: recordUrl(paper), paper })).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return {
    *[Symbol.iterator]() {
      for (const { paper } of papers) yield searchRecord(paper, names);
    },
  };
}
