import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { ABSTRACTS_DIR, ABSTRACTS_FILE, ABSTRACTS_FILE_ENV, AbstractsWriter } from '../lib/abstract-files.ts';
import { RENDERER_VERSION } from '../lib/render-abstract.ts';
import { readAtlasConfig } from '../lib/atlas-config.ts';
import { configureMacros, usedMacros } from '../lib/tex-macros.ts';
import { renderAll } from './render-pool.ts';
import { splitPaperFile } from './render-paper.ts';
import { reportFacts, reportProgress } from '../../scripts/build/build-events.ts';
import { countPapersLoad } from './load-count.ts';

/** Bumped whenever what is stored per paper changes, so older entries are stored again. */
const ENTRY_SHAPE = 'entry-4';

/**
 * Loads `content/papers/*.mdx` without making each paper a Vite module: the body is
 * rendered here, once, through remark-math and rehype-katex (on every core when there are
 * many). The content store keeps each paper's data and excerpt under a digest of its file, so
 * an unchanged paper is never rendered twice; its rendered HTML and plain text go to the
 * abstracts store (src/lib/abstract-files.ts) under that digest as soon as they are rendered,
 * read only by the paper's own page, the feeds and the search records, so the store that every
 * page loads stays small and no process holds every abstract at once.
 */
export function papersLoader(options: { directory: string }): Loader {
  return {
    name: 'abstract-atlas-papers',
    async load({ store, parseData, generateDigest, logger, config }) {
      countPapersLoad();
      const root = fileURLToPath(config.root);
      const { katexMacros } = readAtlasConfig(root).config; // declared macros: a paper using one is rendered again when it changes
      configureMacros(katexMacros);
      const directory = join(root, options.directory);
      // With the atlas's other state in .cache/atlas/ (Astro's own is in its cache folder).
      const cacheDir = join(root, ABSTRACTS_DIR);
      const abstractsPath = join(cacheDir, ABSTRACTS_FILE);
      // Pages find the store through this process, never through Astro's store: a stored path would
      // outlive a renamed or copied project folder (an unchanged entry is not stored again).
      process.env[ABSTRACTS_FILE_ENV] = abstractsPath;
      mkdirSync(cacheDir, { recursive: true });
      const abstracts = new AbstractsWriter(abstractsPath);
      const names = existsSync(directory) ? (await readdir(directory)).filter((name) => name.endsWith('.mdx')).sort() : [];
      if (names.length === 0) logger.warn(`No papers in ${options.directory}/: run \`npm run ingest\` (or \`npm run build\`) to write them from seeds/`);
      // `astro build --force` (`npm run build -- --force`) renders every abstract again, whatever the abstracts store holds.
      const force = process.argv.includes('--force');
      let restored = 0;
      const seen = new Set<string>();
      const pending: { id: string; filePath: string; digest: string }[] = [];
      try {
        let sources: string[] | undefined = [];
        for (const name of names) {
          const id = name.slice(0, -'.mdx'.length);
          seen.add(id);
          const filePath = join(options.directory, name);
          // Read synchronously: 10,000 awaited reads cost 3 s of round trips to the thread pool, these 0.3 s.
          const source = readFileSync(join(directory, name), 'utf8');
          const digest = generateDigest(`${RENDERER_VERSION}\n${ENTRY_SHAPE}\n${usedMacros(source)}\n${source}`);
          const stored = store.get(id);
          if (stored?.digest === digest && abstracts.has(digest)) {
            abstracts.keep(digest);
            continue;
          }
          if (abstracts.has(digest) && !force) {
            // Rendered before, but Astro's store does not hold the paper (it clears its store when
            // the Astro config or version changes, as setting ATLAS_SITE does): its frontmatter is read
            // again, its abstract is not rendered again.
            try {
              const data = await parseData({ id, data: splitPaperFile(source).frontmatter, filePath });
              store.set({ id, data, filePath, digest, rendered: { html: '', metadata: { excerpt: abstracts.excerpt(digest) } } });
            } catch (error) {
              throw new Error(`${filePath}: ${(error as Error).message}`);
            }
            abstracts.keep(digest);
            restored += 1;
            continue;
          }
          pending.push({ id, filePath, digest });
          sources.push(source);
        }
        if (pending.length > 0) logger.info(`Rendering ${pending.length} of ${names.length} papers (math with KaTeX)…`);
        // Each abstract goes to the store as it is rendered; only the frontmatter and excerpt are held.
        const rendered = await renderAll(
          sources,
          (index, { frontmatter, excerpt, html, text }) => {
            abstracts.add(pending[index].digest, { html, text, excerpt });
            return { frontmatter, excerpt };
          },
          (done) => reportProgress('rendering abstracts', done, pending.length),
          katexMacros,
        ).catch((error: Error & { index?: number }) => {
          throw new Error(error.index === undefined ? error.message : `${pending[error.index].filePath}: ${error.message}`);
        });
        sources = undefined; // every paper file's text: let go (300 MB at 100,000 papers)
        for (const [index, { id, filePath, digest }] of pending.entries()) {
          const { frontmatter, excerpt } = rendered[index];
          const data = await parseData({ id, data: frontmatter, filePath });
          // No `body` and no HTML: pages show the abstract from the abstracts store, and Astro's store
          // (held in memory and bundled with the pages) would carry every abstract once or twice more.
          store.set({ id, data, filePath, digest, rendered: { html: '', metadata: { excerpt } } });
        }
      } catch (error) {
        abstracts.abort(); // the store stays as it was: its index never points at what this load appended
        throw error;
      }
      for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
      // The index is written when an abstract was added or one is gone (the abstract goes with its paper).
      const { dropped } = abstracts.close();
      reportFacts({ abstracts: { papers: names.length, rendered: pending.length, fromCache: names.length - pending.length, restored, dropped } });
      logger.info(`${names.length} papers, ${pending.length} rendered, ${names.length - pending.length} from cache${restored > 0 ? ` (${restored} read back from the abstracts store)` : ''}${dropped > 0 ? `, ${dropped} old abstracts dropped` : ''}`);
    },
  };
}
