import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAstroInternals } from '../src/integrations/astro-internals.ts';

// Each place the atlas relies on Astro's internals (src/integrations/astro-internals.ts,
// docs/architecture.md) checked against the installed Astro: an upgrade that changes one fails
// here, by name, instead of making builds slower without a word. (Astro's log lines, which the
// build follows for its page counts, are checked by a build: tests/build-log.test.ts.)
test("should find every Astro internal the atlas relies on as it expects", async () => {
  assert.deepEqual(await checkAstroInternals(), []);
});
