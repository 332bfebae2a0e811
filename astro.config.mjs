// @ts-check
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import { atlas } from './src/integrations/atlas.ts';
import { bibtexFiles } from './src/integrations/bibtex-files.ts';
import { devIngest } from './src/integrations/dev-ingest.ts';
import { keepDist } from './src/integrations/keep-dist.ts';
import { portableRouteHashes } from './src/integrations/portable-route-hashes.ts';
import { searchRecords } from './src/integrations/search-records.ts';
import { dataStoreModule } from './src/integrations/data-store-module.ts';

// The public address of the site, and the sub-path it is served from ("/" or "/atlas/").
// Canonical URLs, citations, feeds and the sitemap are built from them. Set them here, or
// without editing this file through ATLAS_SITE and ATLAS_BASE.
const PLACEHOLDER_SITE = 'https://example.org';
const site = process.env.ATLAS_SITE ?? PLACEHOLDER_SITE;
const base = process.env.ATLAS_BASE ?? '/';
if (site === PLACEHOLDER_SITE && process.env.ATLAS_QUIET_SITE !== '1') {
  console.warn(`[atlas] site is ${PLACEHOLDER_SITE}, a placeholder: set ATLAS_SITE (or \`site\` in astro.config.mjs) to the address you host at, so canonical links, citations, feeds and the sitemap point there.`);
}

/** Paper URLs that still answer but only to redirect or to say the paper was removed: not for the sitemap. */
function retiredPaperPaths() {
  let registry = {};
  try {
    registry = JSON.parse(readFileSync(new URL('./content/permalinks.json', import.meta.url), 'utf8'));
  } catch {
    return new Set();
  }
  const prefix = `${base.replace(/\/$/, '')}/papers/`;
  return new Set(
    Object.entries(registry).flatMap(([slug, entry]) => [...(entry.former ?? []), ...(entry.removed ? [slug] : [])].map((old) => `${prefix}${old}/`)),
  );
}
const retired = retiredPaperPaths();

// The one inline script (src/layouts/BaseLayout.astro inlines it whole): the policy allows it by its hash.
const themeInit = readFileSync(new URL('./src/scripts/theme-init.js', import.meta.url), 'utf8');
/** @type {`sha256-${string}`} */
const themeInitHash = `sha256-${createHash('sha256').update(themeInit).digest('base64')}`;

export default defineConfig({
  site,
  base,
  trailingSlash: 'ignore',
  // Astro 7's default Markdown engine ignores remark/rehype plugins; the unified one runs them.
  markdown: {
    processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex] }),
    // Abstracts have no code blocks; Shiki's inline styles would not pass the Content-Security-Policy.
    syntaxHighlight: false,
  },
  // bibtexFiles() writes the .bib files and searchRecords() moves the search records out before
  // keepDist() sorts what this build left in dist/.
  integrations: [
    // The atlas's own options (src/schemas/atlas-config.ts says what each does). The ingest reads
    // them from here too, so write them as plain values.
    atlas({
      title: 'Abstract Atlas',
      description: 'Research-paper abstracts, by topic and listing, with math and offline search.',
      // The example published a .bib file per paper: its links must keep working.
      bibFiles: true,
    }),
    mdx(), sitemap({ filter: (page) => !retired.has(new URL(page).pathname) }), bibtexFiles(), searchRecords(), keepDist(), portableRouteHashes(), devIngest(), dataStoreModule()],
  // Pages are rendered many at a time, so that writing files (a third of the time at 10,000
  // papers, on a thread pool) overlaps rendering others: 16 measured 23 s against 28 s for 4.
  build: { format: 'directory', concurrency: 16 },
  devToolbar: { enabled: false },
  // A page whose code and data did not change since the last build (its `cacheKey`, see
  // src/lib/cache-key.ts) is not rendered again: `npm run build` leaves it in dist/
  // (src/integrations/keep-dist.ts), `astro build` copies it from node_modules/.astro.
  // `npm run build -- --force` renders every page.
  experimental: { incrementalBuild: true },
  // A Content-Security-Policy on every page (a <meta> tag; hosts may send it as a header too):
  // scripts only from this site, hashed by Astro (and the inline theme script by its hash), with 'wasm-unsafe-eval' for Pagefind's
  // WebAssembly; style attributes allowed because KaTeX positions glyphs with them. Abstracts
  // are untrusted: should an escaping bug ever let markup through, it cannot run.
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:", // Vite inlines KaTeX's smallest fonts into its stylesheet
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"], hashes: [themeInitHash] },
      styleDirective: { resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }] },
    },
  },
});
