import { parse as parseYaml } from 'yaml';
import { renderAbstract } from '../lib/render-abstract.ts';

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/** A paper file, read: its frontmatter (not yet validated) and its body rendered. */
export interface RenderedPaper extends ReturnType<typeof renderAbstract> {
  frontmatter: Record<string, unknown>;
}

/** Split a `content/papers/<slug>.mdx` file into its frontmatter (parsed, not yet validated) and its body. */
export function splitPaperFile(source: string): { frontmatter: Record<string, unknown>; body: string } {
  const match = FRONTMATTER.exec(source);
  if (!match) throw new Error('missing YAML frontmatter. Re-run `npm run ingest` to rewrite it.');
  return { frontmatter: parseYaml(match[1]) as Record<string, unknown>, body: source.slice(match[0].length) };
}

/** Split a `content/papers/<slug>.mdx` file into frontmatter and body, and render the body. */
export function renderPaperFile(source: string): RenderedPaper {
  const { frontmatter, body } = splitPaperFile(source);
  return { frontmatter, ...renderAbstract(body) };
}
