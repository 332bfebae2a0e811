/** A run of an abstract: prose, inline math or display math. */
export interface Segment {
  kind: 'text' | 'inlineMath' | 'displayMath';
  value: string;
  /** 0-based offset of the run (of its opening delimiter, for math) in the input. */
  offset: number;
  /** The opening delimiter of math: `$`, `$$`, `\(`, `\[`, or `\begin` for an environment (whose value holds it). */
  delimiter?: string;
}

const SPACE = /\s/;
/** LaTeX's display environments that KaTeX reads (`eqnarray` as well: KaTeX says when it cannot). */
const MATH_ENVIRONMENT = /^\\begin\{((?:equation|align|alignat|gather|multline|eqnarray|displaymath|flalign)\*?)\}/;

/** A math segment as its source wrote it, delimiters included (an environment is its own delimiter). */
export function mathSource(segment: Segment): string {
  if (segment.kind === 'text' || segment.delimiter === '\\begin') return segment.value;
  const close = { $: '$', $$: '$$', '\\(': '\\)', '\\[': '\\]' }[segment.delimiter ?? '$'] ?? '';
  return `${segment.delimiter ?? ''}${segment.value}${close}`;
}
const DIGIT = /[0-9]/;

/**
 * Offset of the `$` closing inline math opened just before `from`, or -1. The next `$` decides:
 * it closes when it has a non-space right before it and no digit right after it (pandoc's
 * rule); when it cannot close, the attempt ends there rather than skipping on to a later `$`,
 * so in "from $5 to $3, the bound $O(T)$" the prices stay prose and the formula is found.
 */
function findInlineClose(text: string, from: number): number {
  for (let index = from; index < text.length; index += 1) {
    const char = text[index];
    if (char === '\\') {
      index += 1; // an escaped character never closes
      continue;
    }
    if (char !== '$') continue;
    if (index === from) return -1; // `$$` is not empty inline math
    return !SPACE.test(text[index - 1]) && !DIGIT.test(text[index + 1] ?? '') ? index : -1;
  }
  return -1;
}

/**
 * Split text into prose and math following pandoc's rule for `$`: an opening `$` has a
 * non-space right after it; a closing `$` has a non-space right before it and no digit
 * right after it. `$$…$$` and `\[…\]` are display math, `\(…\)` inline math. Anything else
 * stays a literal dollar sign, so "from $5 to $3" is prose.
 */
export function splitMath(text: string): Segment[] {
  const segments: Segment[] = [];
  let textStart = 0;
  const pushText = (end: number) => {
    if (end > textStart) segments.push({ kind: 'text', value: text.slice(textStart, end), offset: textStart });
  };
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\' && text.startsWith('\\begin{', index)) {
      // A math environment in prose (`\begin{align}…\end{align}`): display math, written as it is.
      const name = MATH_ENVIRONMENT.exec(text.slice(index, index + 40))?.[1];
      const close = name === undefined ? -1 : text.indexOf(`\\end{${name}}`, index);
      if (name !== undefined && close !== -1) {
        const end = close + `\\end{${name}}`.length;
        pushText(index);
        segments.push({ kind: 'displayMath', value: text.slice(index, end), offset: index, delimiter: '\\begin' });
        index = end;
        textStart = index;
        continue;
      }
    }
    if (char === '\\' && (text[index + 1] === '(' || text[index + 1] === '[')) {
      // LaTeX's own delimiters: \(…\) inline, \[…\] display.
      const display = text[index + 1] === '[';
      const close = text.indexOf(display ? '\\]' : '\\)', index + 2);
      const value = close === -1 ? '' : text.slice(index + 2, close).trim();
      if (value !== '') {
        pushText(index);
        segments.push({ kind: display ? 'displayMath' : 'inlineMath', value, offset: index, delimiter: display ? '\\[' : '\\(' });
        index = close + 2;
        textStart = index;
        continue;
      }
    }
    if (char === '\\') {
      index += 2;
      continue;
    }
    if (char !== '$') {
      index += 1;
      continue;
    }
    if (text[index + 1] === '$') {
      const close = text.indexOf('$$', index + 2);
      const value = close === -1 ? '' : text.slice(index + 2, close).trim();
      if (value !== '') {
        pushText(index);
        segments.push({ kind: 'displayMath', value, offset: index, delimiter: '$$' });
        index = close + 2;
        textStart = index;
        continue;
      }
      index += 2;
      continue;
    }
    const next = text[index + 1];
    if (next !== undefined && !SPACE.test(next)) {
      const close = findInlineClose(text, index + 1);
      if (close !== -1) {
        pushText(index);
        segments.push({ kind: 'inlineMath', value: text.slice(index + 1, close), offset: index, delimiter: '$' });
        index = close + 1;
        textStart = index;
        continue;
      }
    }
    index += 1;
  }
  pushText(text.length);
  return segments;
}
