import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveDate } from './resolve-date.ts';

test('should read full dates', () => {
  assert.deepEqual(resolveDate('Mar 26, 2024'), { ok: true, iso: '2024-03-26' });
  assert.deepEqual(resolveDate('Sep 9, 2011'), { ok: true, iso: '2011-09-09' });
});

test('should take the year from the capture day when the listing omits it', () => {
  assert.deepEqual(resolveDate('Feb 10', '2025-11-06'), { ok: true, iso: '2025-02-10' });
  assert.deepEqual(resolveDate('Nov 6', '2025-11-06'), { ok: true, iso: '2025-11-06' });
  // Later in the year than the capture: it can only be last year.
  assert.deepEqual(resolveDate('Dec 30', '2025-03-13'), { ok: true, iso: '2024-12-30' });
});

test('should refuse to guess a year, and refuse days that do not exist', () => {
  assert.deepEqual(resolveDate('Feb 10'), { ok: false, reason: 'no-year' });
  assert.deepEqual(resolveDate('Feb 30, 2024'), { ok: false, reason: 'unreadable' });
  assert.deepEqual(resolveDate('Someday 3'), { ok: false, reason: 'unreadable' });
});
