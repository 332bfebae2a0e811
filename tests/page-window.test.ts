import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageWindow } from '../src/lib/page-window.ts';

test('a short list shows every page number', () => {
  assert.deepEqual(pageWindow(1, 1), [1]);
  assert.deepEqual(pageWindow(2, 5), [1, 2, 3, 4, 5]);
});

test('a long list shows the first, the last and the pages near the current one, with gaps', () => {
  assert.deepEqual(pageWindow(1, 200), [1, 2, 3, 'gap', 200]);
  assert.deepEqual(pageWindow(100, 200), [1, 'gap', 98, 99, 100, 101, 102, 'gap', 200]);
  assert.deepEqual(pageWindow(200, 200), [1, 'gap', 198, 199, 200]);
  // A gap of a single page shows that page instead of an ellipsis.
  assert.deepEqual(pageWindow(5, 9), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('the bar never grows with the number of pages', () => {
  for (const last of [10, 1_000, 100_000]) {
    for (const current of [1, 2, Math.floor(last / 2), last - 1, last]) {
      const items = pageWindow(current, last);
      assert.ok(items.length <= 9, `${items.length} items for page ${current} of ${last}`);
      assert.ok(items.includes(current) && items.includes(1) && items.includes(last));
      const numbers = items.filter((item) => item !== 'gap');
      assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b), 'in order');
    }
  }
});
