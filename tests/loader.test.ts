import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { copyProject } from './helpers/project-copy.ts';
import { readAbstractsFile, writeAbstractsFile, type AbstractsFile } from '../src/lib/abstract-files.ts';

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

test('should write the abstracts file entry by entry as the same JSON as written whole, and read it back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-abstracts-'));
  try {
    const path = join(dir, 'atlas-abstracts.json');
    // Past the 1 MB chunk the writer flushes at, with what JSON has to escape: quotes, backslashes, line separators, astral characters.
    const abstracts: AbstractsFile = {};
    for (let index = 0; index < 3000; index += 1) {
      abstracts[`digest-${index}`] = { html: `<p>"${'x'.repeat(400)}" \\alpha\u2028<span class="katex">𝑥</span> ${index}</p>`, text: `$\\alpha$ "${index}"\n${'y'.repeat(100)}` };
    }
    abstracts['1234'] = { html: '<p>a numeric digest</p>', text: 'a numeric digest' };
    writeAbstractsFile(path, abstracts);
    assert.ok(statSync(path).size > 1 << 20, 'the sample is larger than one chunk');
    assert.equal(readFileSync(path, 'utf8'), JSON.stringify(abstracts));
    assert.deepEqual(readAbstractsFile(path), abstracts);
    assert.deepEqual(readdirSync(dir), ['atlas-abstracts.json'], 'no temporary file is left');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
