import katex from 'katex';
import type { PhrasingContent, Root, RootContent } from 'mdast';
import { clip, quote, warn } from './messages.ts';
import { normalizeAbstract } from './normalize-abstract.ts';
import type { Message } from './types.ts';

/** Where the abstract text starts, so messages can point into the dump. */
export interface TextOrigin {
  file: string;
  line: number;
  column: number;
}

/** Check a formula with KaTeX; a formula it cannot render is reported, never fatal. */
function checkFormula(value: string, displayMode: boolean, origin: TextOrigin, offset: number): Message | undefined {
  try {
    katex.renderToString(value, { displayMode, throwOnError: true, strict: 'ignore' });
    return undefined;
  } catch (error) {
    const reason = (error as Error).message.replace(/^KaTeX parse error: /, '');
    return warn(
      origin.file, origin.line, origin.column + offset,
      `KaTeX cannot render ${quote(value)} (${clip(reason)}); the page shows its source instead`,
      'math-error',
    );
  }
}

/**
 * Turn an abstract's text into an mdast tree of paragraphs holding text, links and inline
 * math, with display math as its own block. Text stays text: nothing in it becomes syntax.
 * Also returns how many places each repair of the normalize rules changed.
 */
export function buildBody(text: string, origin: TextOrigin): { body: Root; messages: Message[]; repairs: Map<string, number> } {
  const messages: Message[] = [];
  const children: RootContent[] = [];
  let paragraph: PhrasingContent[] = [];
  const flush = () => {
    const first = paragraph[0];
    if (first?.type === 'text') first.value = first.value.trimStart();
    const last = paragraph.at(-1);
    if (last?.type === 'text') last.value = last.value.trimEnd();
    paragraph = paragraph.filter((node) => node.type !== 'text' || node.value !== '');
    if (paragraph.length > 0) children.push({ type: 'paragraph', children: paragraph });
    paragraph = [];
  };
  const { parts, counts } = normalizeAbstract(text);
  for (const segment of parts) {
    if (segment.kind === 'text') {
      const previous = paragraph.at(-1);
      if (previous?.type === 'text') previous.value += segment.value;
      else paragraph.push({ type: 'text', value: segment.value });
      continue;
    }
    if (segment.kind === 'link') {
      paragraph.push({ type: 'link', url: segment.url, children: [{ type: 'text', value: segment.value }] });
      continue;
    }
    const display = segment.kind === 'displayMath';
    const problem = checkFormula(segment.value, display, origin, segment.offset);
    if (problem) messages.push(problem);
    if (display) {
      flush();
      children.push({ type: 'math', value: segment.value });
    } else {
      paragraph.push({ type: 'inlineMath', value: segment.value });
    }
  }
  flush();
  return { body: { type: 'root', children }, messages, repairs: counts };
}
