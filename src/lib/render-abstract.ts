import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import remarkMath from 'remark-math';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { firstSentence } from './first-sentence.ts';
import { formulaAsText } from './math-to-text.ts';

/**
 * Bumped whenever the rendering below changes, so cached entries rendered by an older
 * pipeline are rendered again.
 */
export const RENDERER_VERSION = 'abstract-renderer-3';

const processor = unified()
  .use(remarkParse)
  .use(remarkMdx)
  .use(remarkMath)
  .use(remarkRehype)
  // A formula KaTeX cannot parse is shown as its source in a `.katex-error` span.
  .use(rehypeKatex, { strict: 'ignore', output: 'htmlAndMathml' })
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
  const forbidden = new Set(['mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression', 'mdxJsxFlowElement', 'mdxJsxTextElement']);
  const visit = (node: { type: string; children?: unknown[] }): void => {
    if (forbidden.has(node.type)) {
      throw new Error(`Paper bodies hold only text and math, but this one contains ${node.type}. Re-run \`npm run ingest\` to rewrite it.`);
    }
    for (const child of (node.children ?? []) as { type: string }[]) visit(child);
  };
  visit(tree);
  const text = tree.children.map(plainText).filter(Boolean).join('\n\n');
  const excerpt = firstSentence(plainText(tree.children[0] ?? tree));
  return { html: String(processor.stringify(processor.runSync(tree))), excerpt, text };
}

