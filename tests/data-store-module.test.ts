import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readStoreAtRunTime, splitStoreModule } from '../src/integrations/data-store-module.ts';

/** What a store module evaluates to: its default export. */
async function evaluate(module: string): Promise<unknown> {
  return ((await import(`data:text/javascript;base64,${Buffer.from(module).toString('base64')}`)) as { default: unknown }).default;
}

test('should cut the store into literals of 1 MB that join into the same store', async () => {
  // Astro's module for a store of a few MB, with what JSON escapes (quotes, backslashes, U+2028) and an astral character near a cut.
  const entry = { title: 'Über "quotes" and \\ back\u2028slashes', emoji: '𝑥𝛼', text: 'x'.repeat(700) };
  const store = JSON.stringify(Array.from({ length: 4000 }, (_, index) => ({ ...entry, index })));
  const cut = (1 << 20) - 1;
  const text = `${store.slice(0, cut)}😀${store.slice(cut)}`; // the pair's halves on either side of the first cut
  const astroModule = `export default JSON.parse(${JSON.stringify(text)})`;
  const split = splitStoreModule(astroModule);
  assert.ok(split, 'the module was not split');
  // One literal a line ("\n" is always escaped inside a JSON string; U+2028 is not, so no regex lines).
  const literals = split.split('\n').filter((line) => line.startsWith('"'));
  assert.ok(literals.length >= 3, `${literals.length} literals`);
  for (const literal of literals) assert.ok(literal.length < (1 << 20) * 1.1, `a literal of ${literal.length} characters`);
  for (const literal of literals.slice(0, -1)) assert.ok(literal.length > 1 << 20, `a literal of ${literal.length} characters before the last`);
  assert.deepEqual(await evaluate(split), await evaluate(astroModule));
});

test('should read the store from its file when the module runs, in a build', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-store-'));
  try {
    const text = JSON.stringify([{ title: 'Über "quotes" \\ 😀\u2028', related: ['a', 'b'] }, 1, null]);
    const file = join(dir, 'data-store.json');
    writeFileSync(file, text);
    const astroModule = `export default JSON.parse(${JSON.stringify(text)})`;
    const module = readStoreAtRunTime(astroModule, file);
    assert.ok(module, 'the module was not rewritten');
    assert.ok(!module.includes('quotes'), 'the store is still in the module');
    assert.deepEqual(await evaluate(module), await evaluate(astroModule));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('should leave a small store, or a module of another form, as Astro wrote it', () => {
  assert.equal(splitStoreModule(`export default JSON.parse(${JSON.stringify('[1,2,3]')})`), undefined);
  for (const other of ['export default new Map()', `export default JSON.parse(${JSON.stringify('x'.repeat(2 << 20))}, reviver)`, 'export default JSON.parse("a" + "b")']) {
    assert.equal(splitStoreModule(other), undefined, other.slice(0, 40));
    assert.equal(readStoreAtRunTime(other, '/tmp/data-store.json'), undefined, other.slice(0, 40));
  }
});
