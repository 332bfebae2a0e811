import assert from 'node:assert/strict';
import { test } from 'node:test';
import { digest, withCacheKeys } from '../src/lib/cache-key.ts';

/** A paper as pages receive it from the content collection. */
const entry = (id: string, title: string, html = '<p>An abstract.</p>') => ({ id, collection: 'papers', data: { title, topics: ['pruning'] }, rendered: { html } });

test('should give equal data equal keys, and any change in a page\'s data a new key', () => {
  assert.equal(digest({ page: [entry('a', 'A'), entry('b', 'B')] }), digest({ page: [entry('a', 'A'), entry('b', 'B')] }));
  assert.notEqual(digest({ page: [entry('a', 'A')] }), digest({ page: [entry('a', 'A, corrected')] }));
  assert.notEqual(digest({ page: [entry('a', 'A')] }), digest({ page: [entry('a', 'A', '<p>A corrected abstract.</p>')] }));
  assert.notEqual(digest({ page: [entry('a', 'A'), entry('b', 'B')] }), digest({ page: [entry('b', 'B'), entry('a', 'A')] }));
  // Maps and sets count by their content (JSON.stringify alone writes both as {}).
  assert.notEqual(digest(new Map([['pruning', 'Pruning']])), digest(new Map([['pruning', 'Pruning & sparsity']])));
  assert.notEqual(digest(new Set(['a'])), digest(new Set(['b'])));
});

test('should key each path by its props, what it adds, and the data every page of the route reads', () => {
  const paths = () => [{ params: { slug: 'a' }, props: { paper: entry('a', 'A') } }, { params: { slug: 'b' }, props: { paper: entry('b', 'B') } }];
  const names = new Map([['pruning', 'Pruning']]);
  const keys = withCacheKeys(paths(), names).map((path) => path.cacheKey);
  assert.equal(new Set(keys).size, 2);
  assert.deepEqual(withCacheKeys(paths(), new Map(names)).map((path) => path.cacheKey), keys);
  // A topic renamed: every page shows topic names, so every key changes.
  const renamed = withCacheKeys(paths(), new Map([['pruning', 'Pruning and sparsity']])).map((path) => path.cacheKey);
  assert.ok(renamed.every((key, index) => key !== keys[index]));
  // A listing renamed that only paper a comes from: only a's key changes.
  const own = withCacheKeys(paths(), names, ({ params }) => (params.slug === 'a' ? ['Daily Papers, renamed'] : ['Daily Papers'])).map((path) => path.cacheKey);
  const before = withCacheKeys(paths(), names, () => ['Daily Papers']).map((path) => path.cacheKey);
  assert.notEqual(own[0], before[0]);
  assert.equal(own[1], before[1]);
});
