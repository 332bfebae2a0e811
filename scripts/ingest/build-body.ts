import katex from 'katex';
import type { Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { Math } from 'mdast-util-math';
import type {} from 'mdast-util-mdx-jsx';
import { formulaMacros } from '../../src/lib/tex-macros.ts';
import { decodeTex, decodeTexAccents } from './decode-tex.ts';
import { clip, quote, warn } from './messages.ts';
import { normalizeAbstract, type AbstractPart } from './normalize-abstract.ts';
import { holdsInlineMarkup, holdsJats, parseInline, parseJats, plainRuns, type Block, type Mark, type Run } from './rich-text.ts';
import { splitMath } from './split-math.ts';
import { splitStructured } from './structured-abstract.ts';
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
    katex.renderToString(value, { displayMode, throwOnError: true, strict: 'ignore', macros: formulaMacros() });
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

/** The markup conventions a source's text is written in (see RawRecord.markup). */
export type Markup = 'plain' | 'tex' | 'rich';

/** mdast wrappers of the inline marks: Markdown's own for emphasis and strong, allow-listed elements for the rest. */
function wrap(children: PhrasingContent[], mark: Mark): PhrasingContent {
  if (mark === 'emphasis') return { type: 'emphasis', children };
  if (mark === 'strong') return { type: 'strong', children };
  if (mark === 'smallCaps') return { type: 'mdxJsxTextElement', name: 'span', attributes: [{ type: 'mdxJsxAttribute', name: 'className', value: 'small-caps' }], children };
  return { type: 'mdxJsxTextElement', name: mark, attributes: [], children };
}

/** Outermost first, so every run nests its marks the same way. */
const MARK_ORDER: readonly Mark[] = ['strong', 'emphasis', 'smallCaps', 'sub', 'sup'];

/** A line of inline text (a title, a paragraph) as runs, read by its source's conventions: TeX decoded, rich text's marks read. */
export function readInline(text: string, markup: Markup, origin: TextOrigin, messages: Message[]): Run[] {
  if (markup === 'tex') {
    const { html, unknown } = decodeTex(text);
    if (unknown.length > 0) {
      messages.push(warn(origin.file, origin.line, origin.column, `Unknown LaTeX ${unknown.length === 1 ? 'command' : 'commands'} ${unknown.map(quote).join(', ')} shown as written`, 'latex-unknown-command'));
    }
    return parseInline(html);
  }
  if (markup === 'rich') {
    const decoded = decodeTexAccents(text);
    return holdsInlineMarkup(decoded) ? parseInline(decoded) : plainRuns(decoded);
  }
  return plainRuns(text);
}

/**
 * The blocks of an abstract: JATS sections from a reference manager's export, PubMed's labelled
 * parts (the label in bold), or one paragraph; each block's text read by its source's conventions.
 */
export function abstractBlocks(text: string, markup: Markup, origin: TextOrigin, messages: Message[]): Block[] {
  if (markup === 'rich' && holdsJats(text)) {
    const blocks = parseJats(text);
    if (blocks) return blocks;
    messages.push(warn(origin.file, origin.line, origin.column, 'This abstract holds JATS tags that do not nest; it is shown as written. Check the export', 'jats-malformed'));
    return [{ kind: 'paragraph', runs: plainRuns(text) }];
  }
  // HTML paragraphs without JATS (`…first. <p>Second…`, as arXiv and Zotero keep them): each is a paragraph.
  if (markup !== 'plain' && /<\/?p>|<br\s*\/?>/i.test(text)) {
    const paragraphs = text.split(/\s*(?:<\/?p>|<br\s*\/?>)\s*/i).filter((paragraph) => paragraph.trim() !== '');
    if (paragraphs.length > 0) return paragraphs.map((paragraph) => ({ kind: 'paragraph', runs: readInline(paragraph, markup, origin, messages) }));
  }
  const parts = splitStructured(text);
  if (parts) {
    return parts.map((part) => ({
      kind: 'paragraph',
      runs: [...(part.label ? [{ kind: 'text' as const, text: `${part.label}:`, marks: ['strong' as const] }, { kind: 'text' as const, text: ' ', marks: [] }] : []), ...readInline(part.text, markup, origin, messages)],
    }));
  }
  return [{ kind: 'paragraph', runs: readInline(text, markup, origin, messages) }];
}

/** A title's runs as mdast phrasing: text and `$…$` math, wrapped in their marks. */
export function titlePhrasing(runs: readonly Run[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const run of runs) {
    const nodes: PhrasingContent[] = run.kind === 'math'
      ? [{ type: 'inlineMath', value: run.tex }]
      : splitMath(run.text).map((segment): PhrasingContent => (segment.kind === 'text' ? { type: 'text', value: segment.value } : { type: 'inlineMath', value: segment.value }));
    const marks = MARK_ORDER.filter((mark) => run.marks.includes(mark));
    if (marks.length === 0) out.push(...nodes);
    else out.push(marks.reduceRight<PhrasingContent[]>((inner, mark) => [wrap(inner, mark)], nodes)[0]);
  }
  return out;
}

/**
 * Turn an abstract's text into an mdast tree: paragraphs holding text, links, inline math and
 * inline marks (emphasis, strong, sub/superscript, small caps), display math as its own block,
 * section headings and lists from structured abstracts. `markup` says which conventions the
 * text is written in (TeX, a reference manager's rich text and JATS, or none): markup in them
 * becomes what it means; anything else stays text, and nothing in it becomes syntax.
 * Also returns how many places each repair of the normalize rules changed.
 */
export function buildBody(text: string, origin: TextOrigin, markup: Markup = 'plain'): { body: Root; messages: Message[]; repairs: Map<string, number> } {
  const messages: Message[] = [];
  const counts = new Map<string, number>();
  const children: RootContent[] = [];
  for (const block of abstractBlocks(text, markup, origin, messages)) {
    if (block.kind === 'heading') {
      const content = phrasingOf(block.runs, origin, messages, counts).flatMap((node) => (node.type === 'paragraph' ? node.children : []));
      if (content.length > 0) children.push({ type: 'heading', depth: 3, children: content });
    } else if (block.kind === 'list') {
      children.push({
        type: 'list', ordered: block.ordered, spread: false,
        children: block.items.map((runs) => ({ type: 'listItem', spread: false, children: phrasingOf(runs, origin, messages, counts) })),
      });
    } else {
      children.push(...phrasingOf(block.runs, origin, messages, counts));
    }
  }
  return { body: { type: 'root', children }, messages, repairs: counts };
}

/** Runs as paragraphs (a displayed formula between them): each run's text repaired and split at its math and links, then wrapped in its marks. */
function phrasingOf(runs: readonly Run[], origin: TextOrigin, messages: Message[], counts: Map<string, number>): (Paragraph | Math)[] {
  const blocks: (Paragraph | Math)[] = [];
  let paragraph: PhrasingContent[] = [];
  const flush = () => {
    const first = paragraph[0];
    if (first?.type === 'text') first.value = first.value.trimStart();
    const last = paragraph.at(-1);
    if (last?.type === 'text') last.value = last.value.trimEnd();
    paragraph = paragraph.filter((node) => node.type !== 'text' || node.value !== '');
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', children: paragraph });
    paragraph = [];
  };
  const push = (target: PhrasingContent[], node: PhrasingContent) => {
    const previous = target.at(-1);
    if (node.type === 'text' && previous?.type === 'text') previous.value += node.value;
    else target.push(node);
  };
  for (const run of runs) {
    const marks = MARK_ORDER.filter((mark) => run.marks.includes(mark));
    let own: PhrasingContent[] = [];
    const close = () => {
      if (own.length === 0) return;
      if (marks.length === 0) for (const node of own) push(paragraph, node);
      else paragraph.push(marks.reduceRight<PhrasingContent[]>((inner, mark) => [wrap(inner, mark)], own)[0]);
      own = [];
    };
    const parts: AbstractPart[] = run.kind === 'math'
      ? [{ kind: 'inlineMath', value: run.tex, offset: 0 }]
      : (() => {
        const { parts: found, counts: repaired } = normalizeAbstract(run.text);
        for (const [id, count] of repaired) counts.set(id, (counts.get(id) ?? 0) + count);
        return found;
      })();
    for (const segment of parts) {
      if (segment.kind === 'text') {
        push(own, { type: 'text', value: segment.value });
        continue;
      }
      if (segment.kind === 'link') {
        own.push({ type: 'link', url: segment.url, children: [{ type: 'text', value: segment.value }] });
        continue;
      }
      const display = segment.kind === 'displayMath';
      const problem = checkFormula(segment.value, display, origin, segment.offset);
      if (problem) messages.push(problem);
      if (display) {
        close();
        flush();
        blocks.push({ type: 'math', value: segment.value });
      } else {
        own.push({ type: 'inlineMath', value: segment.value });
      }
    }
    close();
  }
  flush();
  return blocks;
}
