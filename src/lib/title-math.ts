import katex from 'katex';
import { escapeHtml } from './escape-html.ts';
import { formulaAsText } from './math-to-text.ts';
import { renderInline } from './render-abstract.ts';
import { formulaMacros } from './tex-macros.ts';
import { mathSource, splitMath } from './split-math.ts';

/**
 * Titles may hold math (`Mixing Times on $\{0,1\}^n$`, common in BibTeX and arXiv exports).
 * It is found by the same rule as in abstracts (src/lib/split-math.ts: "from $5 to $3" stays
 * prose) and rendered with KaTeX at build time where a title is HTML; where it is plain text
 * (<title>, meta tags, feeds, search results) a formula reads as text (T₁, √T) or keeps its source.
 */

const MAY_HOLD_MATH = /[$\\]/;

/**
 * A title as HTML: its text escaped, its formulas rendered (a formula KaTeX cannot read stays
 * its source, as text). A formatted title (`titleMarkup`: emphasis, sub/superscript, small caps)
 * is rendered from its markup.
 */
export function titleHtml(title: string, markup?: string): string {
  if (markup !== undefined) return renderInline(markup);
  if (!MAY_HOLD_MATH.test(title)) return escapeHtml(title);
  return splitMath(title)
    .map((segment) => {
      if (segment.kind === 'text') return escapeHtml(segment.value);
      try {
        return katex.renderToString(segment.value, { displayMode: false, throwOnError: true, strict: 'ignore', output: 'htmlAndMathml', macros: formulaMacros() });
      } catch {
        return escapeHtml(mathSource(segment));
      }
    })
    .join('');
}

/** A title as plain text: formulas as readable text where they can be, else their `$…$` source. */
export function titleText(title: string): string {
  if (!MAY_HOLD_MATH.test(title)) return title;
  return splitMath(title)
    .map((segment) => (segment.kind === 'text' ? segment.value : formulaAsText(segment.value, segment.kind === 'displayMath')))
    .join('');
}
