import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DERIVED_TITLE_MAX, deriveTitle } from './derive-title.ts';

test('should use a short first sentence whole', () => {
  assert.equal(deriveTitle('Pruning helps. It also hurts.'), 'Pruning helps');
});

test('should not end a sentence at e.g.', () => {
  assert.equal(deriveTitle('Models (e.g. BERT) are big. Yes.'), 'Models (e.g. BERT) are big');
});

test('should cut long sentences on a whole word, never on a weak word', () => {
  const title = deriveTitle(
    'Post-click conversion rate (CVR) estimation is a vital task in many recommender systems of revenue businesses, e.g., e-commerce and advertising.',
  );
  assert.equal(title, 'Post-click conversion rate (CVR) estimation is a vital task in many recommender systems…');
});

test('should keep every seed abstract title within the limit and on whole words', () => {
  const lines = readFileSync('seeds/000_d81bca234a2fd64b.txt', 'utf8').split('\n').filter(Boolean);
  for (const line of lines) {
    const abstract = line.slice('Abstract:'.length);
    const title = deriveTitle(abstract);
    assert.ok(title.replace(/…$/, '').length <= DERIVED_TITLE_MAX, title);
    const words = title.replace(/…$/, '').split(' ');
    // Every word of the title is a whole word of the abstract, in order, from its start.
    assert.ok(abstract.startsWith(words.join(' ')), title);
    assert.doesNotMatch(title, /\s(of|the|and|a|to|in)…$/, title);
  }
});
