import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitMath } from './split-math.ts';

const kinds = (text: string) => splitMath(text).map(({ kind, value }) => [kind, value]);

test('should keep `$…$` as inline math', () => {
  assert.deepEqual(kinds('rate $\\tilde{O}((mnT)^{-2/3})$ here'), [
    ['text', 'rate '],
    ['inlineMath', '\\tilde{O}((mnT)^{-2/3})'],
    ['text', ' here'],
  ]);
});

test('should read prices as prose (pandoc rule)', () => {
  assert.deepEqual(kinds('from $5 to $3 per query'), [['text', 'from $5 to $3 per query']]);
  assert.deepEqual(kinds('costs $ 5 and $x $'), [['text', 'costs $ 5 and $x $']]);
  assert.deepEqual(kinds('a lone $ sign'), [['text', 'a lone $ sign']]);
});

test('should not close on a `$` followed by a digit, and not skip past it to a later `$`', () => {
  assert.deepEqual(kinds('$a$1 and $b$'), [
    ['text', '$a$1 and '],
    ['inlineMath', 'b'],
  ]);
});

test('should keep prices as dollar signs and still find the formulas after them', () => {
  assert.deepEqual(kinds('from $5 per call to $3 per call, the bound $O(\\sqrt{T})$ holds'), [
    ['text', 'from $5 per call to $3 per call, the bound '],
    ['inlineMath', 'O(\\sqrt{T})'],
    ['text', ' holds'],
  ]);
  assert.deepEqual(kinds('costs US$10–$20 while $x_1$ and $x_2$ vary'), [
    ['text', 'costs US$10–$20 while '],
    ['inlineMath', 'x_1'],
    ['text', ' and '],
    ['inlineMath', 'x_2'],
    ['text', ' vary'],
  ]);
  assert.deepEqual(kinds('a $5 fee and $\\alpha$'), [['text', 'a $5 fee and '], ['inlineMath', '\\alpha']]);
});

test('should read `$$…$$` as display math and keep escaped dollars as text', () => {
  assert.deepEqual(kinds('x $$a+b$$ y'), [['text', 'x '], ['displayMath', 'a+b'], ['text', ' y']]);
  assert.deepEqual(kinds('\\$5 and \\$6'), [['text', '\\$5 and \\$6']]);
});

test('should give each segment its offset in the input', () => {
  assert.deepEqual(splitMath('ab $c$').map((segment) => segment.offset), [0, 3]);
});
