import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import { BuildLog, groupMessages, SHOWN_PER_RULE, type BuildReport } from './build-log.ts';
import type { BuildMessage } from './build-events.ts';

// What `npm run build` prints and the report it leaves, driven step by step with a stream of our
// own (a terminal or a CI log). tests/build-log.test.ts checks the same through a real build.

const folder = mkdtempSync(join(tmpdir(), 'atlas-build-log-'));
after(() => rmSync(folder, { recursive: true, force: true }));

/** A stream that keeps what is written; `isTTY` as a terminal or a CI log. */
function screen(tty: boolean) {
  let text = '';
  const stream = new Writable({ write(chunk, _encoding, done) { text += String(chunk); done(); } }) as Writable & { isTTY?: boolean; columns?: number; cursorTo?: unknown; clearLine?: unknown };
  if (tty) Object.assign(stream, { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

const warning = (index: number): BuildMessage => ({ severity: 'warning', ruleId: 'no-abstract', where: `seeds/a.txt:${index}`, reason: `record ${index} has no abstract` });

test('a step on a CI log: its line, its status line and its messages grouped by rule, errors first, at most five each', () => {
  const out = screen(false);
  const log = new BuildLog({ reportPath: join(folder, 'ci', 'build-report.txt'), out: out.stream });
  log.startStep(1, 2, 'ingest');
  log.progress('reading dumps', 3, 4);
  log.output('Read 138 records from 4 dumps');
  log.messages([...Array.from({ length: SHOWN_PER_RULE + 2 }, (_, index) => warning(index + 1)), { severity: 'error', ruleId: 'bad-date', where: 'seeds/b.bib:9:3', reason: 'the date 2025-13-01 is no date' }, { severity: 'notice', ruleId: 'merged', reason: 'two records of one paper merged' }]);
  assert.equal(log.stepHadErrors, true);
  assert.deepEqual(log.stepOutput, ['Read 138 records from 4 dumps']);
  log.endStep({ name: 'ingest', seconds: 1.234, ok: true, summary: '124 papers' });
  assert.equal(out.text(), [
    '',
    '▶ 1/2 ingest',
    '✓ ingest in 1.2 s: 124 papers',
    '  bad-date: 1 error',
    '    seeds/b.bib:9:3  the date 2025-13-01 is no date',
    '  no-abstract: 7 warnings',
    ...Array.from({ length: SHOWN_PER_RULE }, (_, index) => `    seeds/a.txt:${index + 1}  record ${index + 1} has no abstract`),
    '    … and 2 more in the report',
    '  merged: 1',
    '    two records of one paper merged',
    '',
  ].join('\n'), 'no progress line for a step shorter than the interval, and the output kept for the report');
  assert.equal(log.printed, out.text().split('\n').length - 1);
});

test('the report: every step, every message and everything printed, for people (.txt) and programs (.json)', () => {
  const reportPath = join(folder, 'report', 'build-report.txt');
  const log = new BuildLog({ reportPath, out: screen(false).stream });
  log.startStep(1, 2, 'ingest');
  log.output('ingest said this');
  log.messages(Array.from({ length: SHOWN_PER_RULE + 2 }, (_, index) => warning(index + 1)));
  log.stage('ingest', 1.23456);
  log.endStep({ name: 'ingest', seconds: 1.2, ok: true, peakMB: 80, facts: { records: 138 } });
  log.startStep(2, 2, 'site');
  log.output('astro failed');
  log.endStep({ name: 'site', seconds: 3.4, ok: false, summary: 'astro build failed' });
  assert.equal(log.writeReport('npm run build, 2 steps'), reportPath);
  const text = readFileSync(reportPath, 'utf8');
  assert.match(text, /^npm run build, 2 steps\n\n✓ ingest in 1\.2 s, peak 80 MB\n✗ site in 3\.4 s, peak \? MB: astro build failed\n/);
  assert.match(text, /Messages \(7\):\n(seeds\/a\.txt:\d  warning  record \d has no abstract  no-abstract\n){7}/, 'every message, not only the five shown');
  assert.match(text, /Output of each step:\n\n== ingest ==\ningest said this\n\n== site ==\nastro failed\n$/);
  const json = JSON.parse(readFileSync(join(folder, 'report', 'build-report.json'), 'utf8')) as BuildReport;
  assert.equal(json.ok, false, 'a failed step fails the build');
  assert.equal(json.upToDate, false);
  assert.deepEqual(json.steps.map((step) => [step.name, step.ok, step.facts]), [['ingest', true, { records: 138 }], ['site', false, undefined]]);
  assert.deepEqual(json.stages, { ingest: 1.235 });
  assert.equal(json.messages.length, 7);
});

test('--verbose prints what the steps print as it comes, and no grouped messages', () => {
  const out = screen(false);
  const log = new BuildLog({ reportPath: join(folder, 'verbose', 'build-report.txt'), out: out.stream, verbose: true });
  assert.equal(log.verbose, true);
  log.startStep(1, 1, 'site');
  log.output('├─ /papers/a/index.html (+3ms)');
  log.messages([warning(1)]);
  log.endStep({ name: 'site', seconds: 2, ok: true });
  assert.equal(out.text(), '\n▶ 1/1 site\n├─ /papers/a/index.html (+3ms)\n✓ site in 2.0 s\n');
  assert.equal(log.stepHadErrors, false);
});

test('on a terminal: a live bar with the phase and the count, lines printed above it, gone when the step ends', () => {
  const out = screen(true);
  const log = new BuildLog({ reportPath: join(folder, 'tty', 'build-report.txt'), out: out.stream });
  log.startStep(1, 1, 'site');
  log.progress('syncing content', 0);
  log.progress('rendering pages', 1234, 10000);
  log.line('a line above the bar');
  log.endStep({ name: 'site', seconds: 12.3, ok: true });
  const text = out.text();
  assert.match(text, /site: rendering pages █{3}░{21} 1,234\/10,000 \d+ s/, 'the bar: a phase, a bar a known total fills, the count');
  assert.match(text, /\r\x1b\[2Ka line above the bar\n/, 'the bar\'s line is cleared for a line above it');
  assert.match(text, /✓ site in 12\.3 s\n$/, 'the status line ends the step');
});

test('messages grouped: none gives no line; one of a rule is singular', () => {
  assert.deepEqual(groupMessages([]), []);
  assert.deepEqual(groupMessages([warning(4)]), ['  no-abstract: 1 warning', '    seeds/a.txt:4  record 4 has no abstract']);
});

test('on a CI log: a progress line every 10 s while a step runs, counted as printed lines', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'] });
  const out = screen(false);
  const log = new BuildLog({ reportPath: join(folder, 'ci-progress', 'build-report.txt'), out: out.stream });
  log.startStep(1, 1, 'search index');
  log.progress('indexing papers', 500, 2000);
  t.mock.timers.tick(10_000);
  log.progress('indexing papers', 1500, 2000);
  t.mock.timers.tick(10_000);
  log.endStep({ name: 'search index', seconds: 21, ok: true });
  const lines = out.text().split('\n');
  assert.deepEqual(lines.filter((line) => line.includes('indexing papers')).map((line) => line.replace(/ \d+ s$/, '')), ['  search index: indexing papers 500/2,000', '  search index: indexing papers 1,500/2,000', '  search index: indexing papers 1,500/2,000'], 'no bar drawn on a log: the phase and the count, every 10 s and when the step ends');
  assert.equal(log.printed, lines.length - 1);
});
