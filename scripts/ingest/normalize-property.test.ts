import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildBody } from './build-body.ts';
import { normalizeAbstract } from './normalize-abstract.ts';
import { normalizeWhitespace } from './normalize.ts';
import { toMdx } from './serialize-paper.ts';
import { renderMdxText } from '../../tests/helpers/mdx.ts';
import { seededRandom } from '../seeded-random.ts';

const PIECES = [
  ...'abcxyzKLO0123456789     ',
  ...'*_[]()#>!-+=|~`{}<>$\\&;:\'"./,%^',
  'é', '漢字', '😀', '—', '“', '”', 'ß', 'Ω',
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
