import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildBody } from './build-body.ts';
import { normalizeAbstract } from './normalize-abstract.ts';
import { normalizeWhitespace } from './normalize.ts';
import { splitMath } from './split-math.ts';
import { toMdx } from './serialize-paper.ts';
import { renderMdxText } from '../../tests/helpers/mdx.ts';
import { seededRandom } from '../seeded-random.ts';

const PIECES = [
  ...'abcxyzKLO0123456789     ',
  ...'*_[]()#>!-+=|~`{}<>$\\&;:\'"./,%^',
  'é', '漢字', '😀', '—', '“', '”', 'ß', 'Ω',
  '$5', ' $3.50 ', 'US$', '€10', ' $10–$20 ', '$O(\\sqrt{T})$', ' 5$ ',
  'import ', 'export ', '$x$', '$$y$$', '\\(z\\)', '{\\tau}', '``q\'\'', '--', 'L_2', 'nu^1', 'mathcal O(K)', 'https://a.org/p_(1)', '<div>', '&amp;', '<!--', '~(', ' pm ',
];

function randomText(next: () => number): string {
  const length = 1 + Math.floor(next() * 24);
  let text = '';
  for (let index = 0; index < length; index += 1) text += PIECES[Math.floor(next() * PIECES.length)];
  return normalizeWhitespace(text);
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

test('should write valid MDX that renders the normalized text, for 2,000 random strings', async () => {
  const next = seededRandom(20261122);
  for (let round = 0; round < 2000; round += 1) {
    const input = randomText(next);
    if (input === '') continue;
    const expected = squash(normalizeAbstract(input).parts.map((part) => ` ${part.value} `.slice(part.kind === 'displayMath' ? 0 : 1, part.kind === 'displayMath' ? undefined : -1)).join(''));
    const mdx = toMdx(buildBody(input, { file: 'random', line: round + 1, column: 1 }).body);
    let rendered: string;
    try {
      rendered = squash(await renderMdxText(mdx));
    } catch (error) {
      assert.fail(`round ${round}: MDX did not compile or run: ${(error as Error).message}\ninput: ${JSON.stringify(input)}\nmdx: ${JSON.stringify(mdx)}`);
    }
    assert.equal(rendered, expected, `round ${round}\ninput: ${JSON.stringify(input)}\nmdx: ${JSON.stringify(mdx)}`);
  }
});

const PROSE = ['the', 'bound', 'costs', 'per', 'query', 'while', 'from', 'to', 'and', '(', ')', ',', '—'];
// A trailing-dollar price ("5$") right after a leading-dollar one reads as math under any $ rule: left out.
const PRICES = ['$5', '$3.50', '$10–$20', 'US$12', '$1,000', '$0.2/hr', '$', '€5', 'USD 5'];
const FORMULAS = ['O(\\sqrt{T})', 'x_1', '\\alpha+\\beta', 'T_{\\max}', 'n^2', 'f(x)=y'];

test('should keep every price a dollar sign and find every formula, for 2,000 random mixes of prose, prices and math', () => {
  const next = seededRandom(20261202);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  for (let round = 0; round < 2000; round += 1) {
    const words: string[] = [];
    const formulas: string[] = [];
    let dollars = 0;
    for (let count = 1 + Math.floor(next() * 16); count > 0; count -= 1) {
      const roll = next();
      if (roll < 0.25) {
        const price = pick(PRICES);
        dollars += price.split('$').length - 1;
        words.push(price);
      } else if (roll < 0.45) {
        const formula = pick(FORMULAS);
        formulas.push(formula);
        words.push(`$${formula}$`);
      } else {
        words.push(pick(PROSE));
      }
    }
    const input = words.join(' ');
    const segments = splitMath(input);
    const found = segments.filter((segment) => segment.kind === 'inlineMath').map((segment) => segment.value);
    const prose = segments.filter((segment) => segment.kind === 'text').map((segment) => segment.value).join('');
    assert.deepEqual(found, formulas, `round ${round}: ${JSON.stringify(input)}`);
    assert.equal(prose.split('$').length - 1, dollars, `round ${round}: every price keeps its dollar sign: ${JSON.stringify(input)}`);
  }
});
