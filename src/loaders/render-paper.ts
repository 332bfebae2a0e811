import { writeFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { AbstractFile } from '../lib/abstract-files.ts';
import { renderAbstract } from '../lib/render-abstract.ts';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** A paper file, read: its frontmatter (not yet validated) and its body rendered. */
export interface RenderedPaper extends ReturnType<typeof renderAbstract> {
  frontmatter: Record<string, unknown>;
}

/** Split a `content/papers/<slug>.mdx` file into frontmatter and body, and render the body. */
export function renderPaperFile(source: string): RenderedPaper {
  const match = FRONTMATTER.exec(source);
  if (!match) throw new Error('missing YAML frontmatter. Re-run `npm run ingest` to rewrite it.');
  return { frontmatter: parseYaml(match[1]) as Record<string, unknown>, ...renderAbstract(source.slice(match[0].length)) };
}

/** What the content store keeps of a rendered paper; the rest is in its abstract file. */
export interface StoredPaper {
  frontmatter: Record<string, unknown>;
  excerpt: string;
}

/**
 * Render a paper file and write its abstract (HTML and plain text) to `abstractFile`
 * (see src/lib/abstract-files.ts); return what the content store keeps.
 */
export function renderPaperToFile(source: string, abstractFile: string): StoredPaper {
  const { frontmatter, html, text, excerpt } = renderPaperFile(source);
  writeFileSync(abstractFile, JSON.stringify({ html, text } satisfies AbstractFile));
  return { frontmatter, excerpt };
}
