import type { APIRoute, GetStaticPaths } from 'astro';
import { getBibtexFiles } from '../../lib/bibtex-files.ts';

/**
 * `/papers/<slug>.bib` in the dev server. A build does not render these one route at a time:
 * at 10,000 papers the 10,000 endpoints took 8 s of Astro's 21 s of page rendering. It renders
 * them all as one file, /atlas-bibtex-files.json, which src/integrations/bibtex-files.ts turns
 * into the `.bib` files once the build is done.
 */
export const getStaticPaths = (async () => {
  if (!import.meta.env.DEV) return [];
  return (await getBibtexFiles()).map(([slug, bibtex]) => ({ params: { slug }, props: { bibtex } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ bibtex: string }> = ({ props }) => {
  return new Response(props.bibtex, { headers: { 'Content-Type': 'application/x-bibtex; charset=utf-8' } });
};
