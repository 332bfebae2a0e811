import { once } from './collections.ts';
import { getPapers } from './get-papers.ts';
import { groupAuthors, type AuthorEntry } from './author-names.ts';

export { authorName, authorSlug, authorSortName, shownAuthors, type AuthorEntry } from './author-names.ts';

/** Every author with a page, alphabetical by family name; each author's papers newest first. */
export const getAuthors: () => Promise<readonly AuthorEntry[]> = once(async () => groupAuthors(await getPapers()));
