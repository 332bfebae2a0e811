import { compile, run } from '@mdx-js/mdx';
import remarkMath from 'remark-math';

/** A JSX runtime that builds plain objects, so compiled MDX can run without React. */
interface Element {
  type: unknown;
  props: { children?: unknown };
}
const runtime = {
  Fragment: Symbol('Fragment'),
  jsx: (type: unknown, props: Element['props']): Element => ({ type, props }),
  jsxs: (type: unknown, props: Element['props']): Element => ({ type, props }),
};

function textOf(node: unknown): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  return textOf((node as Element).props.children);
}

/**
 * Compile MDX with @mdx-js/mdx (remark-math on), run the compiled module, and return the
 * text it renders. Throws when the MDX does not compile or run (an `import` would fail).
 */
export async function renderMdxText(mdx: string): Promise<string> {
  const code = String(await compile(mdx, { outputFormat: 'function-body', remarkPlugins: [remarkMath] }));
  const module = await run(code, { ...runtime, baseUrl: import.meta.url });
  return textOf((module.default as (props: object) => Element)({}));
}
