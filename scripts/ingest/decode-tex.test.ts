import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../seeded-random.ts';
import { decodeTexAll, parseTexAll } from './decode-tex.ts';

/**
 * Texts with no command, group, tie or math are decoded without the parser (decode-tex.ts): the
 * result must be the parser's, character for character. Random texts of the characters the
 * parser treats as TeX (dashes, quotes, white space, `%&#_^@"`, `<>`, combining marks, the
 * decoder's own placeholder characters, a NUL, which the parser cannot read) and of plain words.
 */
const PIECES = [
  'a', 'b', 'Z', '1', ' ', ' ', '  ', '-', '-', '--', "'", "'", '`', '"', ',', '.', ';', '!', '?', '(', ')', '[', ']',
  '\t', '\n', '\r', '\r\n', '\n\n', '\f', '\v', '\u00a0', '\u2009', '\u2028', '\u3000', '\ufeff', '\u0000', '\u001b', '<', '>', '&', '&amp;', '%', '#', '_', '^', '@', '=', '*', '/', '|',
  'e\u0301', '<\u0338', 'é', 'ß', 'Ł', '—', '“', '”', '’', 'ﬁ', '\uE000', '\uE001', '\uE002', '\uE003', '\u{1F600}',
  'galaxy', 'star-forming', "l'amour", 'x-ray', '10--20', '``quoted\'\'', 'atlasmath', 'misc', '@misc(x, title = "',
];

function randomTexts(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(random() * 24) }, () => PIECES[Math.floor(random() * PIECES.length)]).join(''));
}

test('should decode a text without commands, groups, ties or math exactly as the TeX parser does', () => {
  // Those with a dash or a quote: a text with none is never given to the parser (it is escaped as it is).
  const texts = randomTexts(4000, 7).filter((text) => /^[^\\{}~$]*$/.test(text) && /['`-]/.test(text));
  assert.ok(texts.length > 2500, `${texts.length} texts`);
  const fast = decodeTexAll(texts);
  const parsed = parseTexAll(texts);
  const differ = texts.flatMap((text, index) => (fast[index].html === parsed[index].html && fast[index].unknown.length === parsed[index].unknown.length ? [] : [`${JSON.stringify(text)}: ${JSON.stringify(fast[index].html)} ≠ ${JSON.stringify(parsed[index].html)}`]));
  assert.deepEqual(differ.slice(0, 10), [], `${differ.length} of ${texts.length} texts differ`);
});

test('should still decode with the parser a text that holds a command, a group, a tie or math', () => {
  const [command, group, tie, math] = decodeTexAll(["Schr\\\"odinger's cat -- alive", "{T}he dark--matter halo", "A.~B's `test'", "a $x--y$ bound -- tight"]);
  assert.equal(command.html, 'Schrödinger\'s cat – alive');
  assert.equal(group.html, 'The dark–matter halo');
  assert.equal(tie.html, 'A.\u00a0B\'s `test\'');
  assert.equal(math.html, 'a $x--y$ bound – tight');
});
