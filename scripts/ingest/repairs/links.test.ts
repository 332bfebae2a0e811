import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitLinks } from './links.ts';

test('should make \\href residue one link (001/002 EQ-Net, 002 AutoCoreset)', () => {
  const counts = new Map<string, number>();
  const pieces = splitLinks('Code can be available at https://github.com/xuke225/EQ-Net.git{https://github.com/xuke225/EQ-Net}.', counts);
  assert.deepEqual(pieces, [
    { kind: 'text', value: 'Code can be available at ' },
    { kind: 'link', url: 'https://github.com/xuke225/EQ-Net.git', value: 'https://github.com/xuke225/EQ-Net' },
    { kind: 'text', value: '.' },
  ]);
  assert.deepEqual([...counts], [['href-residue', 1]]);
});

test('should link bare URLs without the sentence punctuation after them', () => {
  const counts = new Map<string, number>();
  const pieces = splitLinks('at https://github.com/Menoly-xin/Hardness-Level-Learning . And (see https://a.org/x_(1)), https://b.org/~u/.', counts);
  assert.deepEqual(pieces.filter((piece) => piece.kind === 'link').map((piece) => piece.value), [
    'https://github.com/Menoly-xin/Hardness-Level-Learning',
    'https://a.org/x_(1)',
    'https://b.org/~u/',
  ]);
  assert.equal(counts.get('bare-url'), 3);
  assert.equal(pieces.map((piece) => piece.value).join(''), 'at https://github.com/Menoly-xin/Hardness-Level-Learning . And (see https://a.org/x_(1)), https://b.org/~u/.');
});

test('should not link words that merely contain http', () => {
  assert.deepEqual(splitLinks('httpx and https: alone', new Map()), [{ kind: 'text', value: 'httpx and https: alone' }]);
});
