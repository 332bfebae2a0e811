import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { copyProject } from './helpers/project-copy.ts';

const site = copyProject();
after(() => site.cleanup());

/** `astro sync` in the copy: runs the papers loader. */
function sync(): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'sync'], {
    cwd: site.dir,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ATLAS_QUIET_SITE: '1' },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

// A paper file edited by hand (or by anything but the ingest) so that its body holds MDX code:
// the loader parses the body as MDX but never evaluates it, and refuses it with the file's name.
test('should refuse a paper body that holds JSX or an expression, naming the file', () => {
  const name = readdirSync(join(site.dir, 'content', 'papers')).sort()[0];
  const path = join(site.dir, 'content', 'papers', name);
  const original = readFileSync(path, 'utf8');
  for (const injected of ['<script>{globalThis.pwned = 1}</script>', 'Two is {1 + 1}.']) {
    writeFileSync(path, `${original}\n${injected}\n`);
    const { status, output } = sync();
    assert.notEqual(status, 0, `${injected} was accepted`);
    assert.match(output, new RegExp(`content/papers/${name.replace('.', '\\.')}: Paper bodies hold only text and math, but this one contains mdx`));
  }
  writeFileSync(path, original);
  assert.equal(sync().status, 0);
});
