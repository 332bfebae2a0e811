/** A site path under the configured base (`/` or a sub-path such as `/atlas/`). */
export function sitePath(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return `${base}/${path.replace(/^\//, '')}`;
}

/** The path of a paper's page. */
export function paperPath(slug: string): string {
  return sitePath(`papers/${slug}/`);
}

/** The path of a topic's page (its first page unless `page` is given). */
export function topicPath(slug: string, page = 1): string {
  return sitePath(page > 1 ? `topics/${slug}/${page}/` : `topics/${slug}/`);
}

/** The path of a page of the list of every paper, newest first. */
export function latestPath(page = 1): string {
  return sitePath(page > 1 ? `latest/${page}/` : 'latest/');
}

/** The path of a page of the list of authors. */
export function authorsPath(page = 1): string {
  return sitePath(page > 1 ? `authors/${page}/` : 'authors/');
}

/** The path of an author's page (its first page unless `page` is given). */
export function authorPath(slug: string, page = 1): string {
  return sitePath(page > 1 ? `authors/${slug}/${page}/` : `authors/${slug}/`);
}

/** The path of a listing's page. */
export function listingPath(slug: string, page = 1): string {
  return sitePath(page > 1 ? `sources/${slug}/${page}/` : `sources/${slug}/`);
}

/** An absolute URL on the configured site (`site` in astro.config.mjs), for canonical links, feeds and citations. */
export function absoluteUrl(path: string): string {
  return new URL(path, import.meta.env.SITE).href;
}

/** The path of a paper's BibTeX file. */
export function bibtexPath(slug: string): string {
  return sitePath(`papers/${slug}.bib`);
}

/** The path of a topic's RSS feed. */
export function topicFeedPath(slug: string): string {
  return sitePath(`topics/${slug}/feed.xml`);
}
