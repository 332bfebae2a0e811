import type { APIRoute } from 'astro';
import { absoluteUrl, sitePath } from '../lib/urls.ts';

/** `/robots.txt`: everything may be crawled; the sitemap lists every paper. */
export const GET: APIRoute = () => {
  return new Response(`User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(sitePath('sitemap-index.xml'))}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
