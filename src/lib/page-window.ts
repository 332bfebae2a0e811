/** A page number to link, or a gap between two runs of them. */
export type PageItem = number | 'gap';

/**
 * The page numbers a pagination bar shows: the first and last pages, and the pages around the
 * current one, with a gap where numbers are left out. At most 2 × spread + 5 items, however many
 * pages there are, so no page grows with the collection.
 */
export function pageWindow(current: number, last: number, spread = 2): PageItem[] {
  const shown = new Set([1, last]);
  for (let page = current - spread; page <= current + spread; page += 1) if (page >= 1 && page <= last) shown.add(page);
  const pages = [...shown].sort((a, b) => a - b);
  const items: PageItem[] = [];
  pages.forEach((page, index) => {
    const previous = pages[index - 1];
    if (previous !== undefined && page - previous === 2) items.push(previous + 1); // a gap of one page: show the page
    else if (previous !== undefined && page - previous > 2) items.push('gap');
    items.push(page);
  });
  return items;
}
