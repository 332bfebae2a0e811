import { firstSentence } from '../../src/lib/first-sentence.ts';

/** Longest derived title, in characters (the ellipsis excluded). */
export const DERIVED_TITLE_MAX = 90;

/** Words a derived title should not end on: it would read as cut off mid-phrase. */
const WEAK_ENDINGS = new Set(
  'a an and as at based but by for from in into is of on or over such than that the their these this to under via where which while with'.split(' '),
);

function dropUnbalanced(text: string): string {
  const open = text.lastIndexOf('(');
  return open > text.lastIndexOf(')') ? text.slice(0, open) : text;
}

function trimWeakEnding(text: string): string {
  let words = text.trim().replace(/[\s,;:—–-]+$/, '').split(/\s+/);
  while (words.length > 3 && WEAK_ENDINGS.has(words.at(-1)!.toLowerCase())) {
    words = words.slice(0, -1);
    words[words.length - 1] = words.at(-1)!.replace(/[,;:]+$/, '');
  }
  return words.join(' ');
}

/**
 * Derive a title from an abstract's own words: its first sentence when that is short
 * enough, else that sentence cut on a whole word (at a clause break when one is near) and
 * marked with an ellipsis. Never longer than {@link DERIVED_TITLE_MAX} characters plus `…`.
 */
export function deriveTitle(abstract: string): string {
  const sentence = firstSentence(abstract.replace(/\s+/g, ' ').trim()).replace(/[.!?]$/, '');
  if (sentence.length <= DERIVED_TITLE_MAX && sentence.length > 0) return sentence;
  const window = sentence.slice(0, DERIVED_TITLE_MAX + 1);
  const clause = Math.max(window.lastIndexOf(', '), window.lastIndexOf('; '), window.lastIndexOf(' — '));
  let cut = clause >= DERIVED_TITLE_MAX / 2 ? window.slice(0, clause) : window.slice(0, window.lastIndexOf(' '));
  if (cut.trim() === '') cut = window.slice(0, DERIVED_TITLE_MAX);
  return `${trimWeakEnding(dropUnbalanced(cut))}…`;
}
