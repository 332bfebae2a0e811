// @ts-check
import { defineConfig } from 'astro/config';
import { atlas } from './src/integrations/atlas.ts';

// The public address of the site, and the sub-path it is served from ("/" or "/atlas/").
// Canonical URLs, citations, feeds and the sitemap are built from them. Set them here, or
// without editing this file through ATLAS_SITE and ATLAS_BASE.
const PLACEHOLDER_SITE = 'https://example.org';
const site = process.env.ATLAS_SITE ?? PLACEHOLDER_SITE;
const base = process.env.ATLAS_BASE ?? '/';
if (site === PLACEHOLDER_SITE && process.env.ATLAS_QUIET_SITE !== '1') {
  console.warn(`[atlas] site is ${PLACEHOLDER_SITE}, a placeholder: set ATLAS_SITE (or \`site\` in astro.config.mjs) to the address you host at, so canonical links, citations, feeds and the sitemap point there.`);
}

export default defineConfig({
  site,
  base,
  integrations: [
    // The atlas, as one integration (src/integrations/atlas.ts: the Astro settings it needs and
    // the hooks it runs, in order). Its options are documented in src/schemas/atlas-config.ts;
    // the ingest reads them from here too, so write them as plain values.
    atlas({
      title: 'Abstract Atlas',
      description: 'Research-paper abstracts, by topic and listing, with math and offline search.',
      // The example published a .bib file per paper: its links must keep working.
      bibFiles: true,
    }),
  ],
});
