import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonArray, streamedResponse } from '../src/lib/streamed-response.ts';

test('should stream a JSON array as the very text JSON.stringify gives, in pieces', async () => {
  const items: unknown[] = Array.from({ length: 3000 }, (_, index) => ({ index, text: `"Über" \\ ${'x'.repeat(600)} 😀\u2028`, missing: undefined }));
  items.push(undefined, null, 'last');
  let made = 0;
  function* lazily() {
    for (const item of items) {
      made += 1;
      yield item;
    }
  }
  const response = streamedResponse(() => jsonArray(lazily()), 'application/json');
  assert.equal(made, 0, 'items were serialized before the body was read');
  assert.equal(response.headers.get('Content-Type'), 'application/json');
  const reader = response.body!.getReader();
  const pieces: Uint8Array[] = [];
  for (let read = await reader.read(); !read.done; read = await reader.read()) pieces.push(read.value);
  assert.ok(pieces.length > 1, 'the body came whole');
  assert.equal(Buffer.concat(pieces).toString('utf8'), JSON.stringify(items));
  assert.equal(made, items.length);
});

test('should stream an empty array and no parts at all', async () => {
  assert.equal(await streamedResponse(() => jsonArray([]), 'application/json').text(), '[]');
  assert.equal(await streamedResponse(() => [], 'text/plain').text(), '');
});
