import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { firstSentence } from './first-sentence.ts';
import { formulaAsText } from './math-to-text.ts';
import { formulaMacros } from './tex-macros.ts';

/**
 * Bumped whenever the rendering below changes, so cached entries rendered by an older
 * pipeline are rendered again.
 */
export const RENDERER_VERSION = 'abstract-renderer-4';

/** The only elements a paper's MDX may hold, each without attributes but small caps' one class. */
const ELEMENTS: Record<string, { tagName: string; className?: string[] }> = {
  sub: { tagName: 'sub' },
  sup: { tagName: 'sup' },
  'span.small-caps': { tagName: 'span', className: ['small-caps'] },
};

type JsxNode = { type: string; name?: string | null; attributes?: { type: string; name?: string; value?: unknown }[]; children?: unknown[] };

/** The allow-list key of an element (`sub`, `span.small-caps`), or undefined when it is not allowed. */
function allowedElement(node: JsxNode): string | undefined {
  const attributes = node.attributes ?? [];
  if ((node.name === 'sub' || node.name === 'sup') && attributes.length === 0) return node.name;
  if (node.name === 'span' && attributes.length === 1 && attributes[0].type === 'mdxJsxAttribute' && attributes[0].name === 'className' && attributes[0].value === 'small-caps') return 'span.small-caps';
  return undefined;
}

/**
 * rehype-katex with each formula's own macros (the built-in and declared ones, src/lib/tex-macros.ts):
 * it spreads its settings for every formula, so this getter runs once per formula. (Passed to
 * `.use()` as options, the getter would be read once: unified copies options.)
 */
function rehypeKatexEach() {
  return rehypeKatex({ strict: 'ignore', output: 'htmlAndMathml', get macros() { return formulaMacros(); } });
}

const processor = unified()
  .use(remarkParse)
  .use(remarkMdx)
  .use(remarkMath)
  .use(remarkRehype, {
    handlers: {
      // Checked against the allow-list before rendering (see renderAbstract): sub, sup, small caps.
      mdxJsxTextElement: (state, node: JsxNode) => {
        const element = ELEMENTS[allowedElement(node) ?? ''];
        return { type: 'element', tagName: element.tagName, properties: element.className ? { className: element.className } : {}, children: state.all(node as never) };
      },
    },
  })
  // A formula KaTeX cannot parse is shown as its source in a `.katex-error` span.
  .use(rehypeKatexEach)
  .use(rehypeStringify);

/**
 * Plain text for cards, feeds, meta tags, citations and JSON-LD: a simple formula reads as text
 * (T₁, √T, τ ≤ 1); one that cannot keeps its `$…$` source, as the dump wrote it.
 */
function plainText(node: { type: string; value?: string; children?: unknown[] }): string {
  if (node.type === 'inlineMath') return formulaAsText(node.value ?? '');
  if (node.type === 'math') return formulaAsText(node.value ?? '', true);
  if (typeof node.value === 'string') return node.value;
  return ((node.children ?? []) as { type: string }[]).map(plainText).join('');
}

/**
 * Render a paper's MDX body (paragraphs, text, links and math only) to HTML with KaTeX.
 * The body is parsed as MDX, exactly as `@mdx-js/mdx` would, but never evaluated: any
 * JSX, expression or import node is an error, not code to run.
 */
export function renderAbstract(body: string): { html: string; excerpt: string; text: string } {
  const tree = processor.parse(body);
  checkAllowed(tree);
  const text = tree.children.map(plainText).filter(Boolean).join('\n\n');
  // The excerpt is the first paragraph's first sentence (a structured abstract starts with a heading).
  const first = tree.children.find((node) => node.type === 'paragraph') ?? tree.children[0] ?? tree;
  const excerpt = firstSentence(plainText(first));
  return { html: String(processor.stringify(processor.runSync(tree))), excerpt, text };
}

/**
 * Throw unless a parsed body holds only what the content contract allows: no ESM, expressions
 * or JSX but the allow-listed `<sub>`, `<sup>` and small-caps span, and no raw HTML.
 */
function checkAllowed(tree: { type: string; children?: unknown[] }): void {
  const visit = (node: JsxNode): void => {
    const allowed = node.type === 'mdxJsxTextElement' ? allowedElement(node) !== undefined : !FORBIDDEN.has(node.type);
    if (!allowed) {
      throw new Error(`Paper bodies hold only text, math, emphasis, sub/superscript and small caps, but this one contains ${node.type}${node.name ? ` <${node.name}>` : ''}. Re-run \`npm run ingest\` to rewrite it.`);
    }
    for (const child of (node.children ?? []) as JsxNode[]) visit(child);
  };
  visit(tree);
}

const FORBIDDEN = new Set(['mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression', 'mdxJsxFlowElement', 'html']);

/** An inline line of MDX (a title's `titleMarkup`) as mdast, checked against the same allow-list as a body. */
export function parseInlineMarkup(markup: string): ReturnType<typeof processor.parse> {
  const tree = processor.parse(markup);
  checkAllowed(tree);
  return tree;
}

/** An inline line of MDX (a title's `titleMarkup`) as HTML, math rendered; the same allow-list as a body. */
export function renderInline(markup: string): string {
  const tree = parseInlineMarkup(markup);
  const html = String(processor.stringify(processor.runSync(tree)));
  return html.replace(/^<p>/, '').replace(/<\/p>\s*$/, '');
}

