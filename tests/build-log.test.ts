import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { groupMessages, SHOWN_PER_RULE } from '../scripts/build/build-log.ts';
import { REPORT } from '../scripts/build.ts';
import { buildPrinting } from './helpers/project-copy.ts';
import { builtSeeds } from './helpers/shared-builds.ts';

// What a person reads when the build runs in a log (CI: not a terminal), and what the report keeps.
let site: ReturnType<typeof builtSeeds>;
let printed = '';
let report = '';

before(() => {
  site = builtSeeds('seeds'); // the suite's shared build of the seeds: this build adds a dump to it
  // Six formulas KaTeX cannot render, one per abstract: one rule with more messages than the screen shows.
  writeFileSync(join(site.dir, 'seeds', 'zz-broken-math.txt'), Array.from({ length: 6 }, (_, index) => `Abstract: Broken formula number ${index + 1} of six, written as $\\frac{${index}}{$ in a dump about bounds ${index}.\n`).join(''));
  printed = buildPrinting(site.dir);
  report = readFileSync(join(site.dir, REPORT), 'utf8');
});
after(() => site?.cleanup());

test('a build prints a start and a status line per step, no line per page, and where the report is', () => {
  const lines = printed.split('\n').filter((line) => line.trim() !== '');
  assert.ok(lines.length <= 150, `${lines.length} lines`);
  for (const [index, step] of ['ingest', 'site', 'search index', 'offline worker'].entries()) {
    assert.match(printed, new RegExp(`^▶ ${index + 1}/4 ${step}$`, 'm'));
    assert.match(printed, new RegExp(`^✓ ${step} in [\\d.]+ s: .+$`, 'm'));
  }
  assert.match(printed, /^✓ ingest in [\d.]+ s: 144 records from 5 dumps: 130 papers, 14 merged, 0 rejected; /m);
  assert.match(printed, /^✓ site in [\d.]+ s: [\d,]+ pages, [\d,]+ rendered and [1-9][\d,]* unchanged; 130 \.bib files, [1-9]\d? written$/m);
  assert.doesNotMatch(printed, /├─|\(\+\d+ms\)|generating static routes/, 'Astro\'s line per page is not printed');
  assert.match(printed, /The full report: \.cache\/atlas\/build-report\.txt/);
});

test('a build groups messages by rule with a count and the first five, and the report has every one at file:line', () => {
  const messages = report.split('\nOutput of each step:')[0];
  const broken = [...messages.matchAll(/^(seeds\/[^ ]+:\d+:\d+)  warning  KaTeX cannot render .*  math-error$/gm)].map((match) => match[1]);
  assert.equal(broken.length, 6, 'the report lists every math-error warning');
  const group = /^ {2}math-error: 6 warnings\n((?: {4}.*\n)+)/m.exec(printed);
  assert.ok(group, printed);
  const shown = group[1].trimEnd().split('\n');
  assert.deepEqual(shown.slice(0, SHOWN_PER_RULE).map((line) => line.trim().split('  ')[0]), broken.slice(0, SHOWN_PER_RULE));
  assert.equal(shown[SHOWN_PER_RULE].trim(), '… and 1 more in the report');
  // Each merge is reported: 14 in the report, the first five on screen.
  assert.match(printed, /^ {2}merged-duplicate: 14$/m);
  assert.equal([...messages.matchAll(/  notice  merged into seeds\/.*  merged-duplicate$/gm)].length, 14);
  // What the steps printed is in the report: the ingest's own summary, Astro's log.
  assert.match(report, /^Read 144 records from 5 dumps:$/m);
  assert.match(report, /\[content\] Synced content/);
});

test('--verbose prints everything, Astro\'s line per page included', () => {
  appendFileSync(join(site.dir, 'seeds', 'zz-broken-math.txt'), 'Abstract: One more abstract, added so that the build has something to do, about verbose logs of incremental builds.\n');
  const verbose = buildPrinting(site.dir, {}, ['--verbose']);
  assert.match(verbose, /├─ \/papers\/[a-z0-9-]+\/index\.html/);
  assert.match(verbose, /^Read 145 records from 5 dumps:$/m);
  assert.ok(verbose.split('\n').length > 200);
});

test('messages are grouped: errors first, a count per rule, at most five shown each', () => {
  const messages = [
    ...Array.from({ length: 7 }, (_, index) => ({ severity: 'warning' as const, ruleId: 'no-topic', where: `seeds/a.txt:${index + 1}:1`, reason: `paper ${index + 1}` })),
    { severity: 'error' as const, ruleId: 'invalid-sources', where: 'seeds/sources.yaml:3:1', reason: 'Invalid YAML' },
    { severity: 'notice' as const, ruleId: 'merged-duplicate', where: 'seeds/b.txt:4', reason: 'merged into seeds/a.txt:2' },
  ];
  assert.deepEqual(groupMessages(messages), [
    '  invalid-sources: 1 error',
    '    seeds/sources.yaml:3:1  Invalid YAML',
    '  no-topic: 7 warnings',
    ...[1, 2, 3, 4, 5].map((line) => `    seeds/a.txt:${line}:1  paper ${line}`),
    '    … and 2 more in the report',
    '  merged-duplicate: 1',
    '    seeds/b.txt:4  merged into seeds/a.txt:2',
  ]);
  assert.deepEqual(groupMessages([]), []);
});
