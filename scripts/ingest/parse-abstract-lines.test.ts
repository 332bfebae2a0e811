import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { isAbstractLines, parseAbstractLines } from './parse-abstract-lines.ts';

const FIXTURE = 'scripts/ingest/fixtures/abstract-lines.txt';
const text = readFileSync(FIXTURE, 'utf8');

test('should recognise `Abstract:` dumps', () => {
  assert.equal(isAbstractLines(text), true);
  assert.equal(isAbstractLines('new\n\nDaily Papers\n'), false);
});

test('should read one untitled record per line, text exact', () => {
  const result = parseAbstractLines(FIXTURE, text);
  assert.equal(result.records.length, 2);
  const [first, second] = result.records;
  assert.equal(first.title, undefined);
  assert.equal(first.line, 1);
  assert.equal(first.abstractColumn, 10);
  assert.equal(first.abstract, text.split('\n')[0].slice('Abstract:'.length));
  assert.match(second.abstract, /^Live-streaming, as a new-generation media/);
  assert.equal(second.line, 2);
});

test('should reject empty records and stray lines with file:line', () => {
  const result = parseAbstractLines(FIXTURE, text);
  assert.equal(result.rejected, 2);
  assert.deepEqual(
    result.messages.map(({ file, line, ruleId }) => ({ file, line, ruleId })),
    [
      { file: FIXTURE, line: 3, ruleId: 'missing-abstract' },
      { file: FIXTURE, line: 4, ruleId: 'unexpected-line' },
    ],
  );
});
