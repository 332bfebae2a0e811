import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { run } from './ingest.ts';
import type { IngestFacts } from './ingest/report.ts';

/**
 * Run the ingest on dumps written to a temporary folder, with `permalinks` as the registry
 * left by an earlier run; returns its exit code, output, papers and the registry after.
 */
function ingest(dumps: Record<string, string | Uint8Array>, permalinks?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-ingest-'));
  mkdirSync(join(dir, 'seeds'));
  for (const [name, text] of Object.entries(dumps)) writeFileSync(join(dir, 'seeds', name), text);
  if (permalinks !== undefined) writeFileSync(join(dir, 'permalinks.json'), permalinks);
  const lines: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (line: string) => lines.push(line);
  console.error = (line: string) => lines.push(line);
  try {
    const code = run(['--seeds', join(dir, 'seeds'), '--out', join(dir, 'papers'), '--listings', join(dir, 'listings.json'), '--permalinks', join(dir, 'permalinks.json'), '--topics-out', join(dir, 'topics.json'), '--map', join(dir, 'map.json'), '--report', join(dir, 'report.json')]);
    const report = existsSync(join(dir, 'report.json')) ? (JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as IngestFacts) : undefined;
    const papers = existsSync(join(dir, 'papers')) ? readdirSync(join(dir, 'papers')).sort() : [];
    const files = new Map(papers.map((name) => [name, readFileSync(join(dir, 'papers', name), 'utf8')]));
    const listings = existsSync(join(dir, 'listings.json')) ? JSON.parse(readFileSync(join(dir, 'listings.json'), 'utf8')) : undefined;
    const registry = existsSync(join(dir, 'permalinks.json')) ? readFileSync(join(dir, 'permalinks.json'), 'utf8') : undefined;
    return { code, output: lines.join('\n'), report, papers, listings, registry, read: (name: string) => files.get(name) ?? '' };
  } finally {
    console.log = log;
    console.error = error;
    rmSync(dir, { recursive: true, force: true });
  }
}

const LONG = 'This abstract is long enough to be read as prose by the listing parser, which expects abstracts to run well past two hundred characters in length, as real ones do, so here it goes on a little more.';

test('should fail with file:line for a file no parser recognises, and still write the rest', () => {
  const result = ingest({ 'a.txt': `Abstract: ${LONG}\n`, 'b.txt': 'just some notes\nnothing else\n' });
  assert.equal(result.code, 1);
  assert.match(result.output, /^seeds\/b\.txt:1:1 {2}error {2}No reader recognises this file\..* {2}unknown-format/m);
  assert.equal(result.papers.length, 1);
});

test('should read a UTF-16 dump and a Windows-1252 one, and skip an empty file with a warning, not an error', () => {
  const utf16 = Buffer.from(`\uFEFFAbstract: ${LONG} Written in Notepad, naïve.\r\n`, 'utf16le');
  const legacy = Buffer.from(`Abstract: ${LONG} An old export, na\xEFve.\n`, 'latin1');
  const result = ingest({ 'a.txt': utf16, 'b.txt': legacy, 'c.txt': '' });
  assert.equal(result.code, 0, result.output);
  assert.match(result.output, /^ {2}seeds\/a\.txt {2}abstract-lines \(utf-16le\) {2}1 records$/m);
  assert.match(result.output, /^ {2}seeds\/b\.txt {2}abstract-lines \(windows-1252\) {2}1 records$/m);
  assert.match(result.output, /^ {2}seeds\/c\.txt {2}empty {2}0 records$/m);
  assert.match(result.output, /^seeds\/b\.txt:1:\d+ {2}warning {2}Not valid UTF-8 \(byte 0xEF\).* {2}encoding$/m);
  assert.match(result.output, /^seeds\/c\.txt:1:1 {2}warning {2}The file is empty; it was skipped.* {2}empty-file$/m);
  const bodies = result.papers.map((name) => result.read(name));
  assert.equal(bodies.length, 2);
  assert.ok(bodies.some((body) => body.includes('Written in Notepad, naïve.')));
  assert.ok(bodies.some((body) => body.includes('An old export, naïve.')));
  assert.ok(bodies.every((body) => !body.includes('\uFFFD')));
});

test('should keep every line of the report short, however long a title or formula the dump holds', () => {
  const title = `A Title ${'that goes on and on '.repeat(8)}`.trim();
  const listing = `Daily Papers\n\n${title}\n\n${LONG}\n\n·\nFeb 30\n`;
  const result = ingest({ 'a.txt': listing, 'b.txt': `Abstract: ${LONG}\n`, 'c.txt': `Abstract: $\\frac{${'x+'.repeat(3000)}$ ${LONG}\n` });
  const longest = result.output.split('\n').reduce((max, line) => Math.max(max, line.length), 0);
  assert.ok(longest < 400, `a report line of ${longest} characters`);
  assert.match(result.output, /^ {2}seeds\/b\.txt:1 into seeds\/a\.txt:3 {2}A Title that goes on and on .{60,}…$/m);
});

test('should stop on a PDF dropped into the seeds folder, naming it', () => {
  const result = ingest({ 'a.txt': `Abstract: ${LONG}\n`, 'paper.txt': Buffer.from('%PDF-1.4\n%\xE2\xE3\n', 'latin1') });
  assert.equal(result.code, 1);
  assert.match(result.output, /^seeds\/paper\.txt:1:1 {2}error {2}seeds\/paper\.txt looks like a PDF, not a text dump/m);
  assert.equal(result.papers.length, 1);
});

test('should merge the same abstract listed twice and account for every record', () => {
  const listing = `Daily Papers\n\nA Real Title\n\n${LONG}\n\n  • 3 authors\n·\nMar 26, 2024 1\n`;
  const result = ingest({ 'a.txt': `Abstract: ${LONG}\nAbstract: \n`, 'b.txt': listing });
  assert.equal(result.code, 0);
  assert.deepEqual(result.report?.records, { read: 3, onPages: 1, merged: 1, rejected: 1 });
  assert.deepEqual(result.report?.merges, [{ merged: 'seeds/b.txt:3', into: 'seeds/a.txt:1' }]);
  assert.deepEqual(result.report?.messages.map(({ where, severity, ruleId }) => [where, severity, ruleId]), [['seeds/a.txt:2:1', 'warning', 'missing-abstract']]);
  // What a person reads: the merge, and the message at file:line with its rule.
  assert.match(result.output, /Merged 1 duplicates:\n {2}seeds\/b\.txt:3 into seeds\/a\.txt:1 {2}A Real Title\n/);
  assert.match(result.output, /^seeds\/a\.txt:2:1 {2}warning {2}Empty abstract; the record was skipped {2}missing-abstract/m);
  // The real title wins over the derived one; both listings are kept.
  assert.deepEqual(result.papers, ['a-real-title.mdx']);
  const file = result.read('a-real-title.mdx');
  assert.match(file, /\ntitle: A Real Title\ntitleDerived: false\npublished: 2024-03-26\npublishedLabel: Mar 26, 2024\nauthorsCount: 3\nupvotes: 1\n/);
  assert.match(file, /sources:\n {2}- file: seeds\/a\.txt\n {4}line: 1\n {4}listing: a\n {2}- file: seeds\/b\.txt\n {4}line: 3\n {4}listing: b\n/);
  assert.deepEqual(result.listings.map((listing: { id: string; papers: string[] }) => [listing.id, listing.papers]), [
    ['a', ['a-real-title']],
    ['b', ['a-real-title']],
  ]);
});

test('should keep two papers with one title but different abstracts, with a warning', () => {
  const other = LONG.replace('This abstract', 'Another abstract');
  const result = ingest({ 'b.txt': `Daily Papers\n\nSame Title\n\n${LONG}\n\nSame Title\n\n${other}\n` });
  assert.deepEqual(result.papers, ['same-title-2.mdx', 'same-title.mdx']);
  assert.match(result.output, /^seeds\/b\.txt:7:1 {2}warning {2}Same title as seeds\/b\.txt:3 but a different abstract; kept as two papers/m);
});

test('should warn when a date has no year and no capture day is known', () => {
  const result = ingest({ 'b.txt': `Daily Papers\n\nTitle\n\n${LONG}\n\n  • 2 authors\n·\nFeb 10\n` });
  assert.match(result.output, /^seeds\/b\.txt:9:1 {2}warning {2}Date `Feb 10` has no year; add `captured: YYYY-MM-DD` for b\.txt in seeds\/sources\.yaml {2}date-without-year/m);
  assert.match(result.read('title.mdx'), /\npublishedLabel: Feb 10\n/);
  assert.doesNotMatch(result.read('title.mdx'), /\npublished:/);
});

test('should keep a slug across runs, move it when the title is corrected, and keep removed papers in the registry', () => {
  const other = LONG.replace('This abstract', 'Another abstract');
  const first = ingest({ 'b.txt': `Daily Papers\n\nFirst Title\n\n${LONG}\n\nSecond Paper\n\n${other}\n` });
  assert.equal(first.code, 0);
  assert.deepEqual(first.report?.permalinks, { added: ['first-title', 'second-paper'], moved: [], newlyRemoved: [], removed: 0 });
  const second = ingest({ 'renamed.txt': `Daily Papers\n\nFirst Title, Corrected\n\n${LONG}\n` }, first.registry);
  assert.deepEqual(second.papers, ['first-title-corrected.mdx']);
  assert.deepEqual(second.report?.permalinks, { added: [], moved: [{ from: 'first-title', to: 'first-title-corrected' }], newlyRemoved: ['second-paper'], removed: 1 });
  assert.match(second.output, /^ {2}moved {4}first-title → first-title-corrected {2}\(title now `First Title, Corrected`; the old URL redirects\)$/m);
  assert.match(second.output, /^ {2}removed {2}second-paper {2}\(no dump lists it any more; its URL now says so\)$/m);
  assert.match(second.read('first-title-corrected.mdx'), /\naliases:\n {2}- first-title\n/);
  const registry = JSON.parse(second.registry!);
  assert.deepEqual(Object.keys(registry), ['first-title-corrected', 'second-paper']);
  assert.equal(registry['second-paper'].removed, true);
});

test('should write nothing when the permalink registry cannot be read, naming file:line', () => {
  const broken = '{\n  "a-paper": {\n    "title": "A Paper",\n    "fingerprint": "not-hex",\n    "topic": "other"\n  }\n}\n';
  const result = ingest({ 'a.txt': `Abstract: ${LONG}\n` }, broken);
  assert.equal(result.code, 1);
  assert.match(result.output, /permalinks\.json:4:1 {2}error {2}Invalid entry: `a-paper\.fingerprint` .*the ingest writes nothing until it reads.* {2}invalid-permalinks$/m);
  assert.match(result.output, /Nothing written\./);
  assert.deepEqual(result.papers, []);
  assert.equal(result.registry, broken, 'the registry is left as it was');
  const syntax = ingest({ 'a.txt': `Abstract: ${LONG}\n` }, '{\n  "a": {,\n}\n');
  assert.equal(syntax.code, 1);
  assert.match(syntax.output, /permalinks\.json:2:\d+ {2}error {2}Invalid JSON/);
});

test('should write the same files from its caches as without them, after a dump changed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-ingest-caches-'));
  const log = console.log;
  console.log = () => {};
  try {
    const seeds = join(dir, 'seeds');
    cpSync(join(import.meta.dirname, '..', 'seeds'), seeds, { recursive: true });
    const args = (out: string, caches: string) => ['--seeds', seeds, '--out', join(out, 'papers'), '--listings', join(out, 'listings.json'), '--permalinks', join(out, 'permalinks.json'), '--topics', join(import.meta.dirname, '..', 'content', 'topics.yaml'), '--cache', join(caches, 'papers.json'), '--dump-cache', join(caches, 'dumps'), '--topic-cache', join(caches, 'topics.json'), '--topics-out', join(out, 'topics.json'), '--map', join(out, 'map.json')];
    assert.equal(run(args(join(dir, 'a'), join(dir, 'warm'))), 0);
    assert.ok(readdirSync(join(dir, 'warm', 'dumps')).length >= 4, 'one cache file per dump');
    // A dump edited: a paper added, one abstract corrected.
    const dump = join(seeds, '000_d81bca234a2fd64b.txt');
    writeFileSync(dump, `${readFileSync(dump, 'utf8').replace('Post-click conversion rate (CVR) estimation', 'Post-click conversion rate (CVR) prediction').trimEnd()}\nAbstract: ${LONG}\n`);
    cpSync(join(dir, 'a'), join(dir, 'b'), { recursive: true });
    assert.equal(run(args(join(dir, 'a'), join(dir, 'warm'))), 0); // from the caches of the first run
    assert.equal(run(args(join(dir, 'b'), join(dir, 'cold'))), 0); // from nothing
    const tree = (out: string) => new Map([...readdirSync(join(out, 'papers')).sort().map((name) => [name, readFileSync(join(out, 'papers', name), 'utf8')] as const), ['listings.json', readFileSync(join(out, 'listings.json'), 'utf8')], ['permalinks.json', readFileSync(join(out, 'permalinks.json'), 'utf8')]]);
    const [warm, cold] = [tree(join(dir, 'a')), tree(join(dir, 'b'))];
    assert.ok(warm.size > 124, `${warm.size} files`);
    assert.deepEqual(warm, cold);
  } finally {
    console.log = log;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('should place a day\'s papers on the map beside their most similar papers, moving no older point, and give the same map for the same dumps', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-ingest-map-'));
  const lines: string[] = [];
  const log = console.log;
  console.log = (line: string) => lines.push(line);
  try {
    const seeds = join(dir, 'seeds');
    cpSync(join(import.meta.dirname, '..', 'seeds'), seeds, { recursive: true });
    const day = '000_d81bca234a2fd64b.txt'; // 10 papers, the day's (a larger share of so small a collection clusters topics, and lays the map out, afresh)
    const dayText = readFileSync(join(seeds, day));
    rmSync(join(seeds, day));
    const args = (out: string) => ['--seeds', seeds, '--out', join(out, 'papers'), '--listings', join(out, 'listings.json'), '--permalinks', join(out, 'permalinks.json'), '--topics', join(import.meta.dirname, '..', 'content', 'topics.yaml'), '--cache', join(out, 'c', 'papers.json'), '--dump-cache', join(out, 'c', 'dumps'), '--topic-cache', join(out, 'c', 'topics.json'), '--topics-out', join(out, 'topics.json'), '--map', join(out, 'map.json')];
    const points = (out: string) => new Map(Object.entries((JSON.parse(readFileSync(join(out, 'map.json'), 'utf8')) as { points: Record<string, [number, number]> }).points));
    assert.equal(run(args(join(dir, 'a'))), 0);
    const before = points(join(dir, 'a'));
    assert.ok(before.size > 50, `${before.size} points`);
    writeFileSync(join(seeds, day), dayText);
    lines.length = 0;
    assert.equal(run(args(join(dir, 'a'))), 0);
    const after = points(join(dir, 'a'));
    const added = [...after.keys()].filter((slug) => !before.has(slug));
    assert.ok(added.length >= 8, `${added.length} papers added`);
    for (const [slug, point] of before) if (after.has(slug)) assert.deepEqual(after.get(slug), point, `${slug} moved\n${lines.filter((line) => /map|topic/i.test(line)).join('\n')}`);
    // Each new paper sits beside one of its related papers: nearer than 9 in 10 pairs of papers are.
    const all = [...after.values()];
    const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1]);
    const pairs = all.flatMap((a, index) => all.slice(index + 1, index + 30).map((b) => distance(a, b))).sort((a, b) => a - b);
    const near = pairs[Math.floor(pairs.length / 10)];
    for (const slug of added) {
      const related = /^related:\n((?: {2}- .*\n)*)/m.exec(readFileSync(join(dir, 'a', 'papers', `${slug}.mdx`), 'utf8'))![1].split('\n').filter(Boolean).map((line) => line.slice(4));
      const nearest = Math.min(...related.map((other) => distance(after.get(slug)!, after.get(other)!)));
      assert.ok(nearest <= near, `${slug} is ${Math.round(nearest)} from its nearest related paper; 1 in 10 pairs are within ${Math.round(near)}`);
    }
    // The same dumps from nothing: the same map, byte for byte.
    assert.equal(run(args(join(dir, 'b'))), 0);
    assert.equal(run(args(join(dir, 'c'))), 0);
    assert.equal(readFileSync(join(dir, 'b', 'map.json'), 'utf8'), readFileSync(join(dir, 'c', 'map.json'), 'utf8'));
  } finally {
    console.log = log;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('should apply content/topics.yaml\'s changes to discovered topics, and name a malformed one at file:line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-ingest-topics-'));
  const lines: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (line: string) => lines.push(line);
  console.error = (line: string) => lines.push(line);
  try {
    const corpus = join(import.meta.dirname, '..', '..', 'shared', 'corpora', 'many-fields');
    mkdirSync(join(dir, 'seeds'));
    for (const name of ['arxiv-astro-ph.xml', 'bibtex-plant-genomics-lab-publications.bib', 'pubmed-medline-2016-sample-a.ris']) cpSync(join(corpus, name), join(dir, 'seeds', name));
    const args = ['--seeds', join(dir, 'seeds'), '--out', join(dir, 'papers'), '--listings', join(dir, 'listings.json'), '--permalinks', join(dir, 'permalinks.json'), '--topics', join(dir, 'topics.yaml'), '--topics-out', join(dir, 'topics.json'), '--map', join(dir, 'map.json'), '--cache', join(dir, 'c', 'papers.json'), '--dump-cache', join(dir, 'c', 'dumps'), '--topic-cache', join(dir, 'c', 'topics.json')];
    assert.equal(run(args), 0, 'no topics.yaml is needed');
    const registry = () => JSON.parse(readFileSync(join(dir, 'topics.json'), 'utf8')) as Record<string, { name: string; retired?: boolean; movedTo?: string; foundAs?: { name: string } }>;
    const [first, second] = Object.keys(registry());
    const ownName = registry()[first].name;
    writeFileSync(join(dir, 'topics.yaml'), `# my changes\n${first}:\n  name: Renamed by hand\n${second}:\n  hidden: true\nmisspelt:\n  colour: blue\n`);
    lines.length = 0;
    assert.equal(run(args), 1, 'a malformed entry is an error');
    assert.match(lines.join('\n'), /topics\.yaml:6:1 +error +Topic `misspelt`: .*a pinned topic needs `terms`.*invalid-topics/);
    const after = registry();
    assert.equal(after[first].name, 'Renamed by hand');
    assert.equal(after[first].foundAs?.name, ownName);
    assert.equal(after[second].retired, true);
    assert.ok(after[second].movedTo && !after[after[second].movedTo].retired, 'the hidden topic redirects to a live one');
    const papers = readdirSync(join(dir, 'papers')).map((name) => readFileSync(join(dir, 'papers', name), 'utf8'));
    assert.ok(!papers.some((text) => new RegExp(`^  - ${second}$`, 'm').test(text)), 'no paper is in the hidden topic');
  } finally {
    [console.log, console.error] = [log, error];
    rmSync(dir, { recursive: true, force: true });
  }
});
