import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../seeded-random.ts';
import { decodesWithoutParser, decodeTexAll, parseTexAll } from './decode-tex.ts';

/**
 * Texts with no command, group or tie outside their math are decoded without the parser (decode-tex.ts): the
 * result must be the parser's, character for character. Random texts of the characters the
 * parser treats as TeX (dashes, quotes, white space, `%&#_^@"`, `<>`, combining marks, the
 * decoder's own placeholder characters, a NUL, which the parser cannot read), of plain words
 * and of math (and dollars that open none).
 */
const PIECES = [
  'a', 'b', 'Z', '1', ' ', ' ', '  ', '-', '-', '--', "'", "'", '`', '"', ',', '.', ';', '!', '?', '(', ')', '[', ']',
  '\t', '\n', '\r', '\r\n', '\n\n', '\f', '\v', '\u00a0', '\u2009', '\u2028', '\u3000', '\ufeff', '\u0000', '\u001b', '<', '>', '&', '&amp;', '%', '#', '_', '^', '@', '=', '*', '/', '|',
  'e\u0301', '<\u0338', 'é', 'ß', 'Ł', '—', '“', '”', '’', 'ﬁ', '\uE000', '\uE001', '\uE002', '\uE003', '\u{1F600}',
  'galaxy', 'star-forming', "l'amour", 'x-ray', '10--20', '``quoted\'\'', 'atlasmath', 'misc', '@misc(x, title = "', 'ı', '\u0307',
];
/** Math, as the abstracts' own rule finds it (split-math.ts), and dollars that open none. */
const MATH = ['$x$', '$\\alpha_{i}^{2}$', '$a < b$', '$<$', '$ > $', '$\\lt$', '$><$', '$$E = mc^2$$', '\\(x--y\\)', '\\[ \\sum_i x_i \\]', '$5', ' $3, ', '$ x$', '$x $', '$$', '$', '$ı\u0301$', '$--$', "$''$", '\\begin{equation}x\\end{equation}'];

function randomTexts(count: number, seed: number, pieces: readonly string[] = PIECES): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(random() * 24) }, () => pieces[Math.floor(random() * pieces.length)]).join(''));
}

test('should decode a text with no command, group or tie outside its math exactly as the TeX parser does', () => {
  // Those with a dash, a quote or math: a text with none is never given to the parser (it is escaped as it is).
  const prose = randomTexts(4000, 7).filter((text) => /^[^\\{}~$]*$/.test(text) && /['`-]/.test(text));
  const math = randomTexts(4000, 11, [...PIECES, ...MATH, ...MATH]).filter((text) => /[$\\]/.test(text) && /[\\{}~`'-]/.test(text));
  assert.ok(prose.length > 2500 && math.length > 3000, `${prose.length} and ${math.length} texts`);
  assert.ok(prose.every((text) => decodesWithoutParser(text) || text.includes('\0')));
  const direct = math.filter(decodesWithoutParser).length;
  assert.ok(direct > math.length / 3, `${direct} of ${math.length} texts with math decoded without the parser`);
  const texts = [...prose, ...math];
  const fast = decodeTexAll(texts);
  const parsed = parseTexAll(texts);
  const differ = texts.flatMap((text, index) => (fast[index].html === parsed[index].html && fast[index].unknown.length === parsed[index].unknown.length ? [] : [`${JSON.stringify(text)}: ${JSON.stringify(fast[index].html)} ≠ ${JSON.stringify(parsed[index].html)}`]));
  assert.deepEqual(differ.slice(0, 10), [], `${differ.length} of ${texts.length} texts differ`);
});

test('should leave to the parser a text with a command, a group or a tie outside its math', () => {
  const texts = ["Schr\\\"odinger's cat -- alive", "{T}he dark--matter halo", "A.~B's `test'", "the $x$ of M_\\sun", "a $x--y$ bound -- tight", "\\(x^2\\) -- it's $<$ 1"];
  assert.deepEqual(texts.map(decodesWithoutParser), [false, false, false, false, true, true]);
  assert.deepEqual(decodeTexAll(texts).map((result) => result.html), ['Schrödinger\'s cat – alive', 'The dark–matter halo', 'A.\u00a0B\'s `test\'', 'the $x$ of $M_\\sun$', 'a $x--y$ bound – tight', '\\(x^2\\) – it\'s &lt; 1']);
});
