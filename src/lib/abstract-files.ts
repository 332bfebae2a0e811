import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What only a paper's own page (and the feeds) show of its abstract: the rendered HTML and the
 * plain text. The papers loader writes it to a file of its own, named by the digest of the
 * paper file, instead of keeping it in Astro's content store: the store is held in memory,
 * serialized on every build and bundled as JavaScript with the pages, and at 10,000 papers
 * these two fields were two thirds of it. Cards need only the excerpt, which stays in the store.
 */
export interface AbstractFile {
  /** The abstract rendered to HTML, math through KaTeX. */
  html: string;
  /** The abstract as plain text, formulas as their TeX source. */
  text: string;
}

/** The folder, below Astro's cache folder (`node_modules/.astro/`), the loader writes them to. */
export const ABSTRACTS_FOLDER = 'atlas-abstracts';

/** The file of the abstract whose paper file has this digest. */
export function abstractFilePath(directory: string, digest: string): string {
  return join(directory, `${digest}.json`);
}

/** A paper as far as finding its abstract file goes: the path the loader kept with its entry. */
interface WithAbstractFile {
  id: string;
  rendered?: { metadata?: { [key: string]: unknown } };
}

/** Read a paper's rendered abstract and plain text from the file the loader wrote. */
export function readAbstract(paper: WithAbstractFile): AbstractFile {
  const file = paper.rendered?.metadata?.abstractFile;
  if (typeof file !== 'string') throw new Error(`Paper ${paper.id} has no rendered abstract. Run \`npm run build -- --force\` to render every paper again.`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as AbstractFile;
  } catch (error) {
    throw new Error(`${file}: cannot read the rendered abstract of paper ${paper.id} (${(error as Error).message}). Run \`npm run build -- --force\` to render every paper again.`);
  }
}
