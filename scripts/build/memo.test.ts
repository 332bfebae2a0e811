import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { keyOf, Memo, saltOf } from './memo.ts';

test('a memo keeps what a run used, under its salt, and writes only when that changed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-memo-'));
  try {
    const file = join(dir, 'memo.json');
    let computed = 0;
    const square = (n: number) => () => { computed += 1; return n * n; };
    const first = new Memo<number>(file, 'code v1');
    assert.deepEqual([first.getOrCompute('2', square(2)), first.getOrCompute('3', square(3)), first.getOrCompute('2', square(2))], [4, 9, 4]);
    assert.equal(computed, 2);
    first.save();

    // The next run: from the file, nothing computed; using the same keys, the file is not written again.
    const written = statSync(file).mtimeMs;
    const second = new Memo<number>(file, 'code v1');
    assert.deepEqual([second.getOrCompute('2', square(2)), second.getOrCompute('3', square(3))], [4, 9]);
    assert.equal(computed, 2);
    second.save();
    assert.equal(statSync(file).mtimeMs, written, 'an unchanged memo was written');

    // A run that uses one key keeps only that one.
    const third = new Memo<number>(file, 'code v1');
    third.getOrCompute('3', square(3));
    third.save();
    const fourth = new Memo<number>(file, 'code v1');
    assert.equal(fourth.get('2'), undefined, 'an entry the last run did not use was kept');
    assert.equal(fourth.get('3'), 9);

    // Another salt (the code changed): nothing is read.
    assert.equal(new Memo<number>(file, 'code v2').get('3'), undefined);
    // An unreadable file is no memo, not a crash; no temporary file is left behind.
    writeFileSync(file, '{"salt": "code v1", "entries": ');
    assert.equal(new Memo<number>(file, 'code v1').get('3'), undefined);
    assert.deepEqual(readdirSync(dir), ['memo.json']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a salt changes with the bytes of the files and the values it is made of; a key with each part', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-salt-'));
  try {
    writeFileSync(join(dir, 'code.ts'), 'one');
    const before = saltOf(dir, ['code.ts'], 'setting');
    assert.equal(saltOf(dir, ['code.ts'], 'setting'), before);
    assert.notEqual(saltOf(dir, ['code.ts'], 'other setting'), before);
    writeFileSync(join(dir, 'code.ts'), 'two');
    assert.notEqual(saltOf(dir, ['code.ts'], 'setting'), before);
    assert.notEqual(keyOf('a', 'bc'), keyOf('ab', 'c'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
