/** A site path under the configured base (`/` or a sub-path such as `/atlas/`). */
export function sitePath(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return `${base}/${path.replace(/^\//, '')}`;
}

/** The path of a paper's page. */
export function paperPath(slug: string): string {
  return sitePath(`papers/${slug}/`);
}
