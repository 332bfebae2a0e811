import katex from 'katex';
import type { PhrasingContent, Root, RootContent } from 'mdast';
import { warn } from './messages.ts';
import { splitMath } from './split-math.ts';
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
      `KaTeX cannot render \`${value}\` (${reason}); the page shows its source instead`,
      'math-error',
    );
  }
}

/**
 * Turn an abstract's text into an mdast tree of paragraphs holding text and inline math,
 * with display math as its own block. Text stays text: nothing in it becomes syntax.
 */
export function buildBody(text: string, origin: TextOrigin): { body: Root; messages: Message[] } {
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
  for (const segment of splitMath(text)) {
    if (segment.kind === 'text') {
      paragraph.push({ type: 'text', value: segment.value });
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
  return { body: { type: 'root', children }, messages };
}
