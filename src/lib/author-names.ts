import anyAscii from 'any-ascii';
import type { Author } from '../schemas/paper.ts';
import type { PaperEntry } from './get-papers.ts';

/** An author's name as a page shows it: "Diederik P. Kingma", or the literal name ("OpenAI"). */
export function authorName(author: Author): string {
  return author.literal ?? [author.given, author.family].filter(Boolean).join(' ');
}

/** An author's name the way bibliographies sort and cite it: "Kingma, Diederik P." (a literal name as it is). */
export function authorSortName(author: Author): string {
  if (author.literal) return author.literal;
  return author.given ? `${author.family}, ${author.given}` : (author.family ?? '');
}

/**
 * The slug of an author's page, as the ACL Anthology makes them: "given family", in ASCII,
 * lowercase, punctuation dropped. So "Kingma, Diederik P." and "Diederik P Kingma" (order,
 * punctuation), "SCHÖLKOPF" and "Schölkopf" (case, diacritics) are one person, and "Li, Wei"
 * and "Li, Wen" stay two.
 */
export function authorSlug(author: Author): string {
  const ascii = anyAscii(authorName(author).normalize('NFC')).toLowerCase();
  return ascii.replace(/['’`]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'author';
}

/** How full a spelling is: more characters first ("Diederik P." over "Diederik P"), then more beyond ASCII ("Schölkopf" over "Scholkopf"). */
function fullness(name: string): [number, number] {
  return [[...name].length, [...name].filter((char) => char > '\u007f').length];
}

/** The fullest of several spellings of one name; ties go to the first in code-point order, so every build picks the same. */
export function fullestVariant(variants: readonly Author[]): Author {
  return [...variants].sort((a, b) => {
    const [lengthA, wideA] = fullness(authorName(a));
    const [lengthB, wideB] = fullness(authorName(b));
    const nameA = authorName(a);
    const nameB = authorName(b);
    return lengthB - lengthA || wideB - wideA || (nameA < nameB ? -1 : nameA > nameB ? 1 : 0);
  })[0];
}

/** One author's page: the fullest spelling of the name, and the papers, newest first. */
export interface AuthorEntry {
  slug: string;
  author: Author;
  name: string;
  /** Sort key: family name first, in ASCII and lowercase. */
  sortKey: string;
  papers: PaperEntry[];
  /** Earlier slugs of this author's page (before the name's TeX was decoded); each redirects here. */
  formerSlugs: string[];
}

/** Group papers by author slug; each author's papers keep the order they came in. */
export function groupAuthors(papers: readonly PaperEntry[]): AuthorEntry[] {
  const groups = new Map<string, { variants: Author[]; papers: PaperEntry[] }>();
  for (const paper of papers) {
    const seen = new Set<string>();
    for (const author of paper.data.authors ?? []) {
      const slug = authorSlug(author);
      let group = groups.get(slug);
      if (!group) groups.set(slug, (group = { variants: [], papers: [] }));
      group.variants.push(author);
      if (!seen.has(slug)) group.papers.push(paper);
      seen.add(slug);
    }
  }
  const authors = [...groups].map(([slug, { variants, papers: own }]) => {
    const { formerSlug: _former, ...author } = fullestVariant(variants);
    // A former slug that is some author's page now stays that page.
    const formerSlugs = [...new Set(variants.flatMap((variant) => (variant.formerSlug && !groups.has(variant.formerSlug) ? [variant.formerSlug] : [])))].sort();
    return { slug, author, name: authorName(author), sortKey: anyAscii(authorSortName(author)).toLowerCase(), papers: own, formerSlugs };
  });
  return authors.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

/** More authors than this, and a page shows only the first {@link AUTHORS_SHOWN}. */
export const AUTHORS_FOLDED = 15;
/** How many authors a long list shows before "and N more". */
export const AUTHORS_SHOWN = 10;

/** A collaboration or another organisation: a literal name, or one ending in "Collaboration", "Consortium", "Group" or "Team". */
export function isCollaboration(author: Author): boolean {
  return author.literal !== undefined || /\b(?:Collaboration|Consortium|Group|Team)$/i.test(authorName(author));
}

/**
 * The authors a paper page lists at once, and the rest. Up to {@link AUTHORS_FOLDED} authors are
 * all shown; beyond, the first {@link AUTHORS_SHOWN}, any collaboration among them first (it
 * names the paper as readers know it: "ATLAS Collaboration"), the others in their order.
 */
export function shownAuthors(authors: readonly Author[]): { shown: Author[]; rest: Author[] } {
  if (authors.length <= AUTHORS_FOLDED) return { shown: [...authors], rest: [] };
  const collaborations = authors.filter(isCollaboration);
  const shown = [...collaborations, ...authors.filter((author) => !isCollaboration(author))].slice(0, AUTHORS_SHOWN);
  const chosen = new Set(shown);
  return { shown, rest: authors.filter((author) => !chosen.has(author)) };
}
