import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { inputsDigest } from '../scripts/build.ts';
import { buildIdOf } from '../scripts/build/inputs.ts';
import { copyProject } from './helpers/project-copy.ts';

/**
 * One list of inputs (scripts/build/inputs.ts): every kind of input the build reads changes the
 * nothing-changed record, and every one that dist/ is made from changes the build id that names
 * the offline cache (tests/build.test.ts builds a changed public/ file through to a new id).
 */
test('should change the build id with everything dist/ is made of, and the nothing-changed record with every input', () => {
  const project = copyProject({ prefix: 'atlas-inputs-' });
  const settings = (env: NodeJS.ProcessEnv = {}) => ({ site: 'https://example.org', base: '/', env });
  try {
    const state = () => ({ inputs: inputsDigest(project.dir), id: buildIdOf(project.dir, settings()) });
    let before = state();
    assert.deepEqual(state(), before, 'the same inputs give the same digests');
    const changes: [string, boolean, () => void][] = [
      ['the configuration (astro.config.mjs)', true, () => appendFileSync(join(project.dir, 'astro.config.mjs'), '\n// changed\n')],
      ['a public file', true, () => { mkdirSync(join(project.dir, 'public'), { recursive: true }); writeFileSync(join(project.dir, 'public', 'notice.txt'), 'hello\n'); }],
      ['a script of the build (the offline worker)', true, () => appendFileSync(join(project.dir, 'scripts', 'service-worker.ts'), '\n// changed\n')],
      ['a page', true, () => appendFileSync(join(project.dir, 'src', 'pages', '404.astro'), '\n')],
      ['the pinned topics', true, () => appendFileSync(join(project.dir, 'content', 'topics.yaml'), '\n# changed\n')],
      ['the dependencies', true, () => appendFileSync(join(project.dir, 'package-lock.json'), '\n')],
      // A dump alone changes no page until the ingest writes content/: the build runs, the id waits for content/.
      ['a dump', false, () => appendFileSync(join(project.dir, 'seeds', '000_d81bca234a2fd64b.txt'), '\n')],
    ];
    for (const [what, changesOutput, change] of changes) {
      change();
      const after = state();
      assert.notEqual(after.inputs, before.inputs, `${what}: the nothing-changed record missed it`);
      if (changesOutput) assert.notEqual(after.id, before.id, `${what}: the build id missed it`);
      else assert.equal(after.id, before.id, `${what}: the build id changed before the content did`);
      before = after;
    }
    // Settings: where the site is hosted, and the search and offline settings still read from the environment.
    const id = buildIdOf(project.dir, settings());
    for (const env of [{ ATLAS_SITE: 'https://atlas.example.net' }, { ATLAS_BASE: '/atlas/' }, { ATLAS_SEARCH_PART_MB: '5' }, { ATLAS_OFFLINE_MB: '10' }]) {
      assert.notEqual(buildIdOf(project.dir, settings(env)), id, `${Object.keys(env)[0]}: the build id missed it`);
    }
    assert.notEqual(buildIdOf(project.dir, { ...settings(), base: '/atlas/' }), id, 'the base path: the build id missed it');
  } finally {
    project.cleanup();
  }
});
