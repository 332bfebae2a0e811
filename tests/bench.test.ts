import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { ROOT } from './helpers/project-copy.ts';

// A small run of `npm run bench`: the timings are not checked (they belong to the bench, not
// to tests), only that it builds what it says, measures every stage and reports in JSON.
// 450 papers: enough for the loader to render on worker threads (from 400 up).
test('should bench a cold, a warm and an incremental build of synthetic papers', () => {
  const output = execFileSync('npm', ['run', 'bench', '--silent', '--', '--papers', '450', '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const report = JSON.parse(output) as {
    papers: number;
    results: Record<'cold' | 'warm' | 'one dump changed' | 'moved + changed', { seconds: Record<string, number>; totalSeconds: number; upToDate: boolean; peakMB: number; files: number; papers: number; outputMB: number }>;
  };
  const { cold, warm, 'one dump changed': changed, 'moved + changed': moved } = report.results;
  assert.equal(report.papers, 450);
  assert.equal(cold.papers, 450);
  assert.equal(changed.papers, 451, 'the changed dump adds one paper');
  assert.equal(cold.upToDate, false);
  assert.equal(warm.upToDate, true, 'nothing changed: nothing rebuilt');
  assert.equal(changed.upToDate, false);
  assert.equal(moved.papers, 451, 'the project built elsewhere has the added paper too');
  assert.equal(moved.upToDate, false);
  for (const stage of ['ingest', 'content sync', 'bundle', 'page render', 'pagefind', 'offline worker']) {
    assert.ok(cold.seconds[stage] > 0, `cold ${stage} measured`);
    assert.ok(changed.seconds[stage] > 0, `incremental ${stage} measured`);
  }
  // Pages, .bib files and search fragments for each paper, at least.
  assert.ok(cold.files > 3 * 450, `${cold.files} files`);
  assert.equal(warm.files, cold.files);
  assert.ok(cold.peakMB > 50 && cold.outputMB > 1);
});
