import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from './files.ts';
import { parseHtml, selectAll } from './html.ts';

/**
 * What a reader must never see as text on a page: markup (`<i>`, `<jats:p>`), mojibake
 * ("Ã©", "â€™") and TeX that was not decoded (`\"o`, `\v{s}`, `{\o}`, `{\it `).
 */
export const SOURCE_RESIDUE: readonly RegExp[] = [
  /<\/?(?:sec|p|title|i|b|em|sub|sup|italic|jats:[a-z]+)>/,
  /Ã[\x80-\xBF]|Â[\x80-\xBF]|Ð[\x80-\xBF]|Ñ[\x80-\xBF]|â€/,
  /\\['"`^~=.]\{?[A-Za-z]/,
  /\\[uvHcdbtk]\{[A-Za-z]\}/,
  /\{\\[oOlL]\}/,
  /\{\\(?:it|em|bf|rm|sl|sc)\s/,
];

/**
 * Every place in the built pages of `dist` where the text a reader sees (outside `$…$`, scripts,
 * styles, KaTeX's MathML and a formula KaTeX could not render) matches {@link SOURCE_RESIDUE}:
 * `page: …context…` lines, empty when there is none.
 */
export function sourceResidue(dist: string): string[] {
  const hits: string[] = [];
  for (const file of listFiles(dist).filter((name) => name.endsWith('.html') && !name.startsWith('pagefind/'))) {
    const tree = parseHtml(readFileSync(join(dist, file), 'utf8'));
    for (const node of selectAll('script, style, template, .katex-mathml, .katex-error', tree)) node.children = [];
    const text = textOf(tree).replace(/\$\$[\s\S]*?\$\$|\$[^$]*\$/g, ' ');
    for (const pattern of SOURCE_RESIDUE) {
      const match = pattern.exec(text);
      if (match) hits.push(`${file}: …${text.slice(Math.max(0, match.index - 40), match.index + 40)}…`);
    }
  }
  return hits;
}

/** Text of a tree with attribute values left out (`<title>` and `<meta>` contents are what tabs and feeds show, so they count). */
function textOf(node: { type: string; value?: string; tagName?: string; properties?: Record<string, unknown>; children?: unknown[] }): string {
  if (node.type === 'text') return node.value ?? '';
  const own = node.tagName === 'meta' && typeof node.properties?.content === 'string' ? ` ${node.properties.content} ` : '';
  return own + ((node.children ?? []) as (typeof node)[]).map(textOf).join(' ');
}
