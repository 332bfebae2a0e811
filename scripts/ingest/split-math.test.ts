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

test('should not close on a `$` followed by a digit', () => {
  assert.deepEqual(kinds('$a$1 and $b$'), [
    ['inlineMath', 'a$1 and $b'],
  ]);
});

test('should read `$$…$$` as display math and keep escaped dollars as text', () => {
  assert.deepEqual(kinds('x $$a+b$$ y'), [['text', 'x '], ['displayMath', 'a+b'], ['text', ' y']]);
  assert.deepEqual(kinds('\\$5 and \\$6'), [['text', '\\$5 and \\$6']]);
});

test('should give each segment its offset in the input', () => {
  assert.deepEqual(splitMath('ab $c$').map((segment) => segment.offset), [0, 3]);
});
