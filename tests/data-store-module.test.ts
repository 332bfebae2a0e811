import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitStoreModule } from '../src/integrations/split-data-store.ts';

/** What a store module evaluates to: its default export. */
function evaluate(module: string): unknown {
  assert.ok(module.startsWith('export default '), module.slice(0, 40));
  return new Function(`return ${module.slice('export default '.length)}`)();
}

test('should cut the store into literals of 1 MB that join into the same store', () => {
  // Astro's module for a store of a few MB, with what JSON escapes and a surrogate pair across a cut.
  const entry = { title: 'Über "quotes" and \\ back\u2028slashes', emoji: '𝑥𝛼', text: 'x'.repeat(700) };
  const store = JSON.stringify(Array.from({ length: 4000 }, (_, index) => ({ ...entry, index })));
  const cut = (1 << 20) - 1;
  const text = `${store.slice(0, cut)}😀${store.slice(cut)}`; // the pair's halves on either side of the first cut
  const astroModule = `export default JSON.parse(${JSON.stringify(text)})`;
  const split = splitStoreModule(astroModule);
  assert.ok(split, 'the module was not split');
  // One literal a line ("\n" is always escaped inside a JSON string; U+2028 is not, so no regex lines).
  const literals = split.split('\n').filter((line) => line.startsWith('"'));
  assert.equal(literals.length, Math.ceil(text.length / (1 << 20)));
  for (const literal of literals) assert.ok(literal.length < (1 << 20) * 1.1, `a literal of ${literal.length} characters`);
  assert.deepEqual(evaluate(split), evaluate(astroModule));
});

test('should leave a small store, or a module of another form, as Astro wrote it', () => {
  assert.equal(splitStoreModule(`export default JSON.parse(${JSON.stringify('[1,2,3]')})`), undefined);
  assert.equal(splitStoreModule('export default new Map()'), undefined);
  assert.equal(splitStoreModule(`export default JSON.parse(${JSON.stringify('x'.repeat(2 << 20))}, reviver)`), undefined);
});
