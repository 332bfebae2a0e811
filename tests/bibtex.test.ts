import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bibtexEntry } from '../src/lib/bibtex.ts';
import { parseBibtex } from './helpers/bibtex.ts';

test('should write a BibTeX entry that reads back to the same title, whatever characters it holds', () => {
  const titles = [
    'Plain Title',
    'Braces {unbalanced and \\backslashes\\',
    '100% of $x_i^2$ & #hash ~tilde {}}}',
    'Ünïcödé – “quotes” and emoji 🧪',
  ];
  for (const title of titles) {
    const entry = parseBibtex(bibtexEntry({ key: 'a-key', title, titleDerived: false, published: '2025-03-13', url: 'https://example.org/papers/a-key/', listings: ['Daily Papers 50% off'] }));
    assert.equal(entry.type, 'misc');
    assert.equal(entry.key, 'a-key');
    assert.equal(entry.fields.title, title);
    assert.equal(entry.fields.year, '2025');
    assert.equal(entry.fields.month, 'mar');
    assert.equal(entry.fields.url, 'https://example.org/papers/a-key/');
    assert.equal(entry.fields.note, 'Abstract listed in Daily Papers 50% off');
  }
});

test('should leave the date out when the listing gave none, and say when the title was derived', () => {
  const entry = parseBibtex(bibtexEntry({ key: 'k', title: 'First words…', titleDerived: true, url: 'https://example.org/papers/k/', listings: ['A', 'B'] }));
  assert.equal(entry.fields.year, undefined);
  assert.equal(entry.fields.month, undefined);
  assert.match(entry.fields.note, /^Abstract listed in A; B; the listing gave no title/);
});
