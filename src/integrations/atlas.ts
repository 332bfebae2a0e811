import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import sitemap from '@astrojs/sitemap';
import type { AstroConfig, AstroIntegration } from 'astro';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import { AtlasConfigError, CONFIG_FILE, INTEGRATION_NAME, resolveOptions, writtenOptions } from '../lib/atlas-config.ts';
import type { AtlasConfig, AtlasOptions } from '../schemas/atlas-config.ts';
import { bibtexFiles } from './bibtex-files.ts';
import { dataStoreModule } from './data-store-module.ts';
import { devIngest } from './dev-ingest.ts';
import { keepDist } from './keep-dist.ts';
import { searchRecords } from './search-records.ts';
import { siteSteps } from './site-steps.ts';

/** The module pages import the options from (src/virtual-modules.d.ts types it). */
const VIRTUAL = 'virtual:atlas/config';
const RESOLVED = `\0${VIRTUAL}`;

/**
 * The atlas's options, in one place: `atlas({ title, description, language, katexMacros, search,
 * offline })` in astro.config.mjs (src/schemas/atlas-config.ts says what each means). A wrong
 * option stops the build with where it is and how to fix it. Pages read the options from
 * `virtual:atlas/config`; the build's other processes read the same call (src/lib/atlas-config.ts).
 */
export function atlas(options: AtlasOptions = {}): AstroIntegration & { options: AtlasOptions } {
  let config: AtlasConfig | undefined;
  return {
    name: INTEGRATION_NAME,
    options,
    hooks: {
      'astro:config:setup': ({ config: astroConfig, updateConfig }) => {
        try {
          config = resolveOptions(options);
        } catch (error) {
          if (!(error instanceof AtlasConfigError)) throw error;
          // Say where: the same options as written, with their lines.
          let written: ReturnType<typeof writtenOptions>;
          try {
            written = writtenOptions(readFileSync(fileURLToPath(new URL(CONFIG_FILE, astroConfig.root)), 'utf8'));
          } catch {
            written = undefined;
          }
          if (!written) throw error;
          resolveOptions(written.options, written.lines, written.line);
          throw error;
        }
        const source = `export default ${JSON.stringify(config)};`;
        updateConfig({
          ...astroSettings(),
          integrations: parts(fileURLToPath(astroConfig.root), astroConfig.base),
          vite: {
            plugins: [{
              name: 'abstract-atlas:config',
              resolveId: (id: string) => (id === VIRTUAL ? RESOLVED : undefined),
              load: (id: string) => (id === RESOLVED ? source : undefined),
            }, katexWoff2Only()],
          },
        });
      },
    },
  };
}

/**
 * The integrations the atlas is made of. Astro runs each hook in this order, after atlas()'s own:
 *
 * 1. `mdx()`: the paper files are MDX (their bodies are parsed, never run: src/loaders/).
 * 2. `sitemap()`: every page but the retired URLs that only redirect or say a paper was removed.
 * 3. `bibtexFiles()`, build:done: writes a `.bib` file per paper from the bundle the pages rendered.
 * 4. `searchRecords()`, build:done: moves the search records out of dist/ to .cache/atlas/.
 * 5. `keepDist()`: when `npm run build` keeps dist/, removes what this build did not write or keep
 *    — after 3 and 4, so that it sees the .bib files and never the records.
 * 6. `devIngest()`: `astro dev` runs the ingest when a dump or content/topics.yaml changes.
 * 7. `dataStoreModule()`: Astro's content store is read from its file, not bundled.
 * 8. `siteSteps()`, build:done, last: the search index over dist/ as 3–5 left it, then the
 *    offline worker over everything.
 */
function parts(root: string, base: string): AstroIntegration[] {
  const retired = retiredPaperPaths(root, base);
  return [
    mdx(),
    sitemap({ filter: (page) => !retired.has(new URL(page).pathname) }),
    bibtexFiles(),
    searchRecords(),
    keepDist(),
    devIngest(),
    dataStoreModule(),
    siteSteps(),
  ];
}

/** Paper URLs that still answer but only to redirect or to say the paper was removed: not for the sitemap. */
function retiredPaperPaths(root: string, base: string): Set<string> {
  let registry: Record<string, { former?: string[]; removed?: boolean }> = {};
  try {
    registry = JSON.parse(readFileSync(`${root}/content/permalinks.json`, 'utf8')) as typeof registry;
  } catch {
    return new Set();
  }
  const prefix = `${base.replace(/\/$/, '')}/papers/`;
  return new Set(Object.entries(registry).flatMap(([slug, entry]) => [...(entry.former ?? []), ...(entry.removed ? [slug] : [])].map((old) => `${prefix}${old}/`)));
}

/** The one inline script (src/layouts/BaseLayout.astro inlines it whole): the policy allows it by its hash. */
function themeInitHash(): `sha256-${string}` {
  const themeInit = readFileSync(new URL('../scripts/theme-init.js', import.meta.url), 'utf8');
  return `sha256-${createHash('sha256').update(themeInit).digest('base64')}`;
}

/** A policy directive, as Astro's configuration types them. */
type Directive = NonNullable<Exclude<NonNullable<AstroConfig['security']>['csp'], boolean | undefined>['directives']>[number];

/** Astro's settings the atlas is built with. */
function astroSettings() {
  return {
    trailingSlash: 'ignore' as const,
    // Astro 7's default Markdown engine ignores remark/rehype plugins; the unified one runs them.
    markdown: {
      processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex] }),
      // Abstracts have no code blocks; Shiki's inline styles would not pass the Content-Security-Policy.
      syntaxHighlight: false as const,
    },
    // Pages are rendered many at a time, so that writing files (a third of the time at 10,000
    // papers, on a thread pool) overlaps rendering others: 16 measured 23 s against 28 s for 4.
    build: { format: 'directory' as const, concurrency: 16 },
    devToolbar: { enabled: false },
    // A page whose code and data did not change since the last build (its `cacheKey`, see
    // src/lib/cache-key.ts) is not rendered again: `npm run build` leaves it in dist/
    // (src/integrations/keep-dist.ts), `astro build` copies it from node_modules/.astro.
    // `npm run build -- --force` renders every page.
    experimental: { incrementalBuild: true },
    // A Content-Security-Policy on every page (a <meta> tag; hosts may send it as a header too):
    // scripts only from this site, hashed by Astro (and the inline theme script by its hash), with
    // 'wasm-unsafe-eval' for Pagefind's WebAssembly; style attributes allowed because KaTeX
    // positions glyphs with them. Abstracts are untrusted: should an escaping bug ever let markup
    // through, it cannot run.
    security: {
      csp: {
        algorithm: 'SHA-256' as const,
        directives: [
          "default-src 'self'",
          "img-src 'self' data:",
          "font-src 'self' data:", // Vite inlines KaTeX's smallest fonts into its stylesheet
          "connect-src 'self'",
          "worker-src 'self'",
          "object-src 'none'",
          "base-uri 'self'",
          "form-action 'self'",
        ] as Directive[],
        scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"], hashes: [themeInitHash()], strictDynamic: false },
        styleDirective: { resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' as const }] },
      },
    },
  };
}

/**
 * KaTeX's stylesheet offers each font as WOFF2, WOFF and TrueType; every browser the site supports
 * takes the first, so the other two are never fetched but were 40 files and 0.9 MB in every site.
 * Its @font-face rules keep WOFF2 alone.
 */
function katexWoff2Only() {
  return {
    name: 'abstract-atlas:katex-woff2',
    enforce: 'pre' as const,
    transform(code: string, id: string) {
      if (!/[\\/]katex[\\/]dist[\\/]katex(?:\.min)?\.css(?:\?|$)/.test(id)) return undefined;
      return code.replace(/,\s*url\([^)]+\.woff\)\s*format\("woff"\)|,\s*url\([^)]+\.ttf\)\s*format\("truetype"\)/g, '');
    },
  };
}
