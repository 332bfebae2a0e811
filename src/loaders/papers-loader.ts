import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { RENDERER_VERSION } from '../lib/render-abstract.ts';
import { renderAll } from './render-pool.ts';

/** Bumped whenever what is stored per paper changes, so older entries are stored again. */
const ENTRY_SHAPE = 'entry-2';

/**
 * Loads `content/papers/*.mdx` without making each paper a Vite module: the body is
 * rendered here, once, through remark-math and rehype-katex (on every core when there are
 * many), and the HTML is kept in the content store keyed by a digest of the file, so an
 * unchanged paper is never rendered twice.
 */
export function papersLoader(options: { directory: string }): Loader {
  return {
    name: 'abstract-atlas-papers',
    async load({ store, parseData, generateDigest, logger, config }) {
      const root = fileURLToPath(config.root);
      const directory = join(root, options.directory);
      const names = existsSync(directory) ? (await readdir(directory)).filter((name) => name.endsWith('.mdx')).sort() : [];
      if (names.length === 0) logger.warn(`No papers in ${options.directory}/: run \`npm run ingest\` (or \`npm run build\`) to write them from seeds/`);
      const seen = new Set<string>();
      const pending: { id: string; filePath: string; source: string; digest: string }[] = [];
      for (const name of names) {
        const id = name.slice(0, -'.mdx'.length);
        seen.add(id);
        const filePath = join(options.directory, name);
        const source = await readFile(join(directory, name), 'utf8');
        const digest = generateDigest(`${RENDERER_VERSION}\n${ENTRY_SHAPE}\n${source}`);
        if (store.get(id)?.digest === digest) continue;
        pending.push({ id, filePath, source, digest });
      }
      if (pending.length > 0) logger.info(`Rendering ${pending.length} of ${names.length} papers (math with KaTeX)…`);
      const rendered = await renderAll(pending.map((paper) => paper.source)).catch((error: Error & { index?: number }) => {
        throw new Error(error.index === undefined ? error.message : `${pending[error.index].filePath}: ${error.message}`);
      });
      for (const [index, { id, filePath, digest }] of pending.entries()) {
        const { frontmatter, html, excerpt, text } = rendered[index];
        const data = await parseData({ id, data: frontmatter, filePath });
        // No `body`: pages show the rendered abstract, and the store (held in memory and bundled
        // with the pages) would carry every abstract's source once more.
        store.set({ id, data, filePath, digest, rendered: { html, metadata: { excerpt, text } } });
      }
      for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
      logger.info(`${names.length} papers, ${pending.length} rendered, ${names.length - pending.length} from cache`);
    },
  };
}
