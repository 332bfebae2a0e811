import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { ROOT } from './helpers/project-copy.ts';

// A small run of `npm run bench`: the timings are not checked (they belong to the bench, not
// to tests), only that it builds what it says, measures every stage and reports in JSON.
// 150 papers: a few dumps' worth, with authors' pages and /latest/ in several pages. (Rendering
// on worker threads, from 400 papers up, is a cold build of tests/fields.test.ts's 1,767 papers.)
test('should bench a cold, a warm and an incremental build of synthetic papers, a day added, and the stock Astro peer', () => {
  const output = execFileSync('npm', ['run', 'bench', '--silent', '--', '--papers', '150', '--peer', '--peer-papers', '60', '--day', '12', '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const report = JSON.parse(output) as {
    papers: number;
    results: Record<'cold' | 'warm' | 'one dump changed' | 'moved + changed' | 'a day added', { seconds: Record<string, number>; totalSeconds: number; upToDate: boolean; peakMB: number; files: number; filesOutsideAuthors: number; papers: number; outputMB: number; lines: number }>;
    peer: { papers: number; astroSeconds: number; pagefindSeconds: number; totalSeconds: number; peakMB: number };
  };
  const { cold, warm, 'one dump changed': changed, 'moved + changed': moved } = report.results;
  assert.equal(report.papers, 150);
  assert.equal(cold.papers, 150);
  assert.equal(changed.papers, 151, 'the changed dump adds one paper');
  assert.equal(cold.upToDate, false);
  assert.equal(warm.upToDate, true, 'nothing changed: nothing rebuilt');
  assert.equal(changed.upToDate, false);
  assert.equal(moved.papers, 151, 'the project built elsewhere has the added paper too');
  assert.equal(moved.upToDate, false);
  for (const stage of ['ingest', 'content sync', 'bundle', 'page render', 'pagefind', 'offline worker']) {
    assert.ok(cold.seconds[stage] > 0, `cold ${stage} measured`);
    assert.ok(changed.seconds[stage] > 0, `incremental ${stage} measured`);
  }
  // The bench's atlas is started as a user starts one (npm run new): a page and a search fragment
  // per paper, no per-paper .bib file, and the site's own few hundred files.
  assert.ok(cold.filesOutsideAuthors > 2 * 150 && cold.filesOutsideAuthors < 2 * 150 + 400, `${cold.filesOutsideAuthors} files outside authors/`);
  assert.equal(warm.files, cold.files);
  assert.ok(cold.peakMB > 50 && cold.outputMB > 1);
  // What a person reads: a few lines per step, whatever the number of papers and warnings.
  assert.ok(cold.lines > 8 && cold.lines <= 150, `${cold.lines} lines printed`);
  // The day's listing goes on top of the changed dump's extra paper.
  const day = report.results['a day added'];
  assert.deepEqual([day.papers, day.upToDate], [163, false]);
  // The peer built (and checked) one page per paper of the first 60, with its own Pagefind index.
  assert.equal(report.peer.papers, 60);
  assert.ok(report.peer.astroSeconds > 0 && report.peer.pagefindSeconds > 0 && report.peer.peakMB > 50);
});

// `npm run bench -- --search`, small: the reference index is built and searched in Chromium next
// to ours, and a day's dump goes into the recent index. Counts must agree with the reference
// (same papers found), and a first search must cost about what one plain index costs: one
// runtime, one WebAssembly instance, whether or not a recent index is merged in.
// The longest test of all (about a minute): run by `npm run test:bench`, not by `npm test`, whose
// search behaviour tests/search-index.test.ts covers (a recent index finds what a full rebuild
// finds; one runtime for every part).
const benchTests = process.env.ATLAS_BENCH_TESTS === '1';
test('should bench first searches against one plain Pagefind index, before and after a day added', { skip: benchTests ? false : 'the search bench runs with npm run test:bench' }, () => {
  const output = execFileSync('npm', ['run', 'bench', '--silent', '--', '--search', '--papers', '450', '--day', '12', '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  type Query = { query: string; requests: number; bytes: number; count: number; firstResultsMs: number };
  const report = JSON.parse(output) as {
    papers: number;
    cold: { papers: number; offline?: string };
    before: { ours: Query[]; plain: Query[] };
    day: { papers: number; build: { papers: number; upToDate: boolean; searchIndex?: string } };
    after: { ours: Query[]; plain: Query[] };
  };
  assert.equal(report.papers, 450);
  assert.equal(report.day.build.papers, 462, 'the day dump adds its 12 papers');
  assert.match(report.day.build.searchIndex ?? '', /^462 papers \(the main index kept, 12 added or changed in the recent index, 0 older entries left out\)/);
  for (const [when, { ours, plain }] of Object.entries({ before: report.before, after: report.after })) {
    assert.deepEqual(ours.map((query) => query.query), ['diffusion', 'pruning', 'quantization']);
    ours.forEach((mine, index) => {
      const reference = plain[index];
      assert.ok(reference.count > 0, `${when} ${mine.query}: the reference finds papers`);
      assert.equal(mine.count, reference.count, `${when} ${mine.query}: the same papers found`);
      assert.ok(mine.requests > 0 && mine.bytes > 0 && mine.firstResultsMs > 0, `${when} ${mine.query}: measured`);
      // A recent index adds its entry, meta and one chunk: a few requests, not a second runtime.
      assert.ok(mine.requests <= reference.requests + (when === 'after' ? 4 : 1), `${when} ${mine.query}: ${mine.requests} requests, the reference ${reference.requests}`);
    });
  }
  assert.match(report.cold.offline ?? '', /the whole search index/);
});
