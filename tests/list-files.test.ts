import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { listFiles } from '../scripts/build/list-files.ts';

test('should list every file below a folder, sorted, relative to it, without following links', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-list-'));
  try {
    for (const file of ['b.txt', 'a/index.html', 'a/b/c/deep.json', 'a-b/x', 'Z.txt', 'a/empty/.keep']) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      writeFileSync(join(dir, file), file);
    }
    mkdirSync(join(dir, 'nothing', 'inside'), { recursive: true });
    symlinkSync(join(dir, 'a'), join(dir, 'link-to-a'));
    symlinkSync(join(dir, 'b.txt'), join(dir, 'link-to-b'));
    assert.deepEqual(listFiles(dir), ['Z.txt', 'a-b/x', 'a/b/c/deep.json', 'a/empty/.keep', 'a/index.html', 'b.txt'].map((file) => join(file)));
    assert.deepEqual(listFiles(join(dir, 'nothing')), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
