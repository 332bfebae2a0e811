import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toText } from 'hast-util-to-text';

export { select, selectAll };

/** Parse an HTML document or fragment. */
export function parseHtml(html: string, fragment = false): Root {
  return fromHtml(html, { fragment });
}

/**
 * The text a reader sees in an element, with KaTeX's MathML (which screen readers get
 * instead) left out so each formula is counted once.
 */
export function visibleText(node: Root | Element): string {
  const copy = structuredClone(node);
  for (const mathml of selectAll('.katex-mathml', copy)) mathml.children = [];
  return toText(copy, { whitespace: 'normal' }).replace(/\s+/g, ' ').trim();
}
