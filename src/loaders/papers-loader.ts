import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { ABSTRACTS_FOLDER, abstractFilePath } from '../lib/abstract-files.ts';
import { RENDERER_VERSION } from '../lib/render-abstract.ts';
import { renderAll } from './render-pool.ts';

/** Bumped whenever what is stored per paper changes, so older entries are stored again. */
const ENTRY_SHAPE = 'entry-3';

/**
 * Loads `content/papers/*.mdx` without making each paper a Vite module: the body is
 * rendered here, once, through remark-math and rehype-katex (on every core when there are
 * many). The content store keeps each paper's data and excerpt under a digest of its file, so
 * an unchanged paper is never rendered twice; its rendered HTML and plain text go to a file
 * named by that digest (src/lib/abstract-files.ts), read only by the paper's own page and the
 * feeds, so the store that every page loads stays small.
 */
export function papersLoader(options: { directory: string }): Loader {
  return {
    name: 'abstract-atlas-papers',
    async load({ store, parseData, generateDigest, logger, config }) {
      const root = fileURLToPath(config.root);
      const directory = join(root, options.directory);
      const abstracts = join(fileURLToPath(config.cacheDir), ABSTRACTS_FOLDER);
      mkdirSync(abstracts, { recursive: true });
      const names = existsSync(directory) ? (await readdir(directory)).filter((name) => name.endsWith('.mdx')).sort() : [];
      if (names.length === 0) logger.warn(`No papers in ${options.directory}/: run \`npm run ingest\` (or \`npm run build\`) to write them from seeds/`);
      const seen = new Set<string>();
      const written = new Set<string>();
      const pending: { id: string; filePath: string; source: string; digest: string; abstractFile: string }[] = [];
      for (const name of names) {
        const id = name.slice(0, -'.mdx'.length);
        seen.add(id);
        const filePath = join(options.directory, name);
        const source = await readFile(join(directory, name), 'utf8');
        const digest = generateDigest(`${RENDERER_VERSION}\n${ENTRY_SHAPE}\n${source}`);
        const abstractFile = abstractFilePath(abstracts, digest);
        written.add(abstractFile);
        const stored = store.get(id);
        if (stored?.digest === digest && stored.rendered?.metadata?.abstractFile === abstractFile && existsSync(abstractFile)) continue;
        pending.push({ id, filePath, source, digest, abstractFile });
      }
      if (pending.length > 0) logger.info(`Rendering ${pending.length} of ${names.length} papers (math with KaTeX)…`);
      const rendered = await renderAll(pending).catch((error: Error & { index?: number }) => {
        throw new Error(error.index === undefined ? error.message : `${pending[error.index].filePath}: ${error.message}`);
      });
      for (const [index, { id, filePath, digest, abstractFile }] of pending.entries()) {
        const { frontmatter, excerpt } = rendered[index];
        const data = await parseData({ id, data: frontmatter, filePath });
        // No `body` and no HTML: pages show the abstract from its file, and the store (held in
        // memory and bundled with the pages) would carry every abstract once or twice more.
        store.set({ id, data, filePath, digest, rendered: { html: '', metadata: { excerpt, abstractFile } } });
      }
      for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
      // Abstract files of papers that are gone or changed.
      let removed = 0;
      for (const name of readdirSync(abstracts)) {
        if (written.has(join(abstracts, name))) continue;
        rmSync(join(abstracts, name), { force: true });
        removed += 1;
      }
      logger.info(`${names.length} papers, ${pending.length} rendered, ${names.length - pending.length} from cache${removed > 0 ? `, ${removed} old abstract files removed` : ''}`);
    },
  };
}
