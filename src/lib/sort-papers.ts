import type { Paper } from '../schemas/paper.ts';

/** The part of a collection entry that sorting needs. */
export interface Sortable {
  id: string;
  data: Pick<Paper, 'published' | 'title'>;
}

/** Newest first; papers without a date after all dated ones; ties by title, then slug. */
export function comparePapers(a: Sortable, b: Sortable): number {
  const left = a.data.published ?? '';
  const right = b.data.published ?? '';
  if (left !== right) {
    if (left === '') return 1;
    if (right === '') return -1;
    return left < right ? 1 : -1;
  }
  return a.data.title.localeCompare(b.data.title, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
